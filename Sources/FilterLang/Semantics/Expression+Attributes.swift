extension Expression {
    /// The names of the attributes the expression reads, `tags` included when it tests tags
    /// (the node name is always read): what a reader must keep for the filter to see
    /// everything it tests.
    public var attributeNames: Set<String> {
        switch self {
        case .and(let operands), .or(let operands): operands.reduce(into: []) { $0.formUnion($1.attributeNames) }
        case .not(let operand): operand.attributeNames
        case .constant: []
        case .test(let test):
            switch test.key {
            case .attribute(let name): [name]
            case .tags: ["tags"]
            case .name: []
            }
        }
    }
}
