import NodeModel

extension Expression {
    /// The rows of `table` that satisfy the expression.
    ///
    /// Each test runs once per *distinct* value of its column (or tag set), then the rows pick
    /// up the result by their code, so a fleet of a million containers that share a few dozen
    /// images costs a few dozen regex matches.
    public func select(in table: NodeTable, scratch: RegexScratch) -> RowSet {
        switch self {
        case .and(let operands):
            var result = RowSet(count: table.count, full: true)
            for operand in operands { result.formIntersection(operand.select(in: table, scratch: scratch)) }
            return result
        case .or(let operands):
            var result = RowSet(count: table.count, full: false)
            for operand in operands { result.formUnion(operand.select(in: table, scratch: scratch)) }
            return result
        case .not(let operand):
            var result = operand.select(in: table, scratch: scratch)
            result.complement()
            return result
        case .constant(let value):
            return RowSet(count: table.count, full: value)
        case .test(let test):
            return test.select(in: table, scratch: scratch)
        }
    }
}

extension Test {
    /// The rows of `table` that pass this test.
    public func select(in table: NodeTable, scratch: RegexScratch) -> RowSet {
        switch key {
        case .name:
            let names = table.names
            let matches = predicate.matcher(scratch: scratch)
            return RowSet(count: table.count) { matches(names[$0]) }
        case .tags:
            let passes = table.tags.values.map { predicate.matches(tags: $0, scratch: scratch) }
            let missing = predicate.matches(tags: [], scratch: scratch)
            return Self.rows(table.tags, count: table.count, passes: passes, missing: missing)
        case .attribute(let name):
            let missing = predicate.matches(nil, scratch: scratch)
            guard let column = Self.column(name, in: table) else { return RowSet(count: table.count, full: missing) }
            let passes = column.values.map(predicate.matcher(scratch: scratch))
            return Self.rows(column, count: table.count, passes: passes, missing: missing)
        }
    }

    /// `nodename` and `tags` are synthesized attributes: build their columns on demand.
    private static func column(_ name: String, in table: NodeTable) -> DictionaryColumn<String>? {
        switch name {
        case "nodename":
            var column = DictionaryColumn<String>()
            for (row, value) in table.names.enumerated() { column.set(value, row: row) }
            return column
        case "tags":
            var column = DictionaryColumn<String>()
            for row in 0..<table.count { column.set((table.tags[row] ?? []).joined(separator: ", "), row: row) }
            return column
        default:
            return table.columns[name]
        }
    }

    private static func rows<Value>(_ column: DictionaryColumn<Value>, count: Int, passes: [Bool], missing: Bool) -> RowSet {
        RowSet(count: count) { row in
            let code = column.code(row)
            return code == 0 ? missing : passes[Int(code) - 1]
        }
    }
}
