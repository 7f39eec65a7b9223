import Testing
import NodeModel
@testable import FilterLang

/// The extended language: what it selects and where its errors point.
struct ExpressionParserTests {
    static let nodes = [
        Node(name: "payments-1", attributes: ["ECS:CPU": "512", "ECS:Container-Image": "acme/payments-spring:2.7", "ECS:Service-Name": "payments", "ECS:Task-Launch-Type": "FARGATE"], tags: ["web", "prod"]),
        Node(name: "orders-1", attributes: ["ECS:CPU": "1024", "ECS:Container-Image": "acme/orders:1.0", "ECS:Task-Launch-Type": "EC2"], tags: ["prod"]),
        Node(name: "nginx-1", attributes: ["ECS:CPU": "256", "ECS:Container-Image": "nginx:1.25", "ECS:Service-Name": " ", "ECS:Task-Launch-Type": "FARGATE"], tags: []),
        Node(name: "batch-1", attributes: ["ECS:CPU": "n/a", "ECS:Container-Image": "Acme/Batch-SPRING:3"], tags: ["canary"]),
    ]

    static func select(_ expression: String) throws -> [String] {
        try Filter(expression: expression).select(nodes).nodes.map(\.name)
    }

    @Test(arguments: [
        ("ECS:CPU >= 512", ["payments-1", "orders-1"]),
        ("ECS:CPU>=512", ["payments-1", "orders-1"]),
        ("ECS:CPU < 512", ["nginx-1"]),
        ("ECS:CPU <= 512.0", ["payments-1", "nginx-1"]),
        ("ECS:Container-Image ~ .*spring.*", ["payments-1"]),
        ("ECS:Container-Image ~i .*spring.*", ["payments-1", "batch-1"]),
        ("ECS:Container-Image ~ .*(spring|orders).*", ["payments-1", "orders-1"]),
        ("ECS:Container-Image *= spring", ["payments-1"]),
        ("ECS:Container-Image *=i SPRING", ["payments-1", "batch-1"]),
        ("name ^= pay", ["payments-1"]),
        ("name $= -1 and not name ^= o", ["payments-1", "nginx-1", "batch-1"]),
        ("ECS:Task-Launch-Type = FARGATE or ECS:CPU > 1000", ["payments-1", "orders-1", "nginx-1"]),
        ("ECS:Task-Launch-Type =i fargate", ["payments-1", "nginx-1"]),
        ("ECS:Task-Launch-Type != EC2", ["payments-1", "nginx-1", "batch-1"]),
        ("ECS:Service-Name", ["payments-1"]),
        ("!ECS:Service-Name", ["orders-1", "nginx-1", "batch-1"]),
        ("tags", ["payments-1", "orders-1", "batch-1"]),
        ("tags = prod !tags = web", ["orders-1"]),
        ("tags ~ p.* && ECS:CPU >= 1024 || tags = canary", ["orders-1", "batch-1"]),
        ("(name = orders-1 or name = nginx-1) ECS:CPU < 1000", ["nginx-1"]),
        ("not (tags = prod or tags = canary)", ["nginx-1"]),
        ("'ECS:Container-Image' = 'nginx:1.25'", ["nginx-1"]),
        ("NAME = x OR name = batch-1", ["batch-1"]),
    ])
    func selects(expression: String, expected: [String]) throws {
        #expect(try Self.select(expression) == expected)
    }

    @Test(arguments: [
        ("ECS:CPU >= 512 and (tags = web", FilterSyntaxError.Kind.unterminatedGroup, 19..<20),
        ("tags = web)", .unbalancedCloseParen, 10..<11),
        ("tags = web and", .danglingOperator("and"), 11..<14),
        ("or tags = web", .expectedAttribute(found: "'or'"), 0..<2),
        ("tags = web or", .danglingOperator("or"), 11..<13),
        ("not", .danglingOperator("not"), 0..<3),
        ("not ", .danglingOperator("not"), 0..<4),
        ("ECS:CPU >=", .missingValue(after: ">="), 8..<10),
        ("ECS:CPU >= lots", .notANumber("lots"), 11..<15),
        ("tags > 3", .tagsAreNotNumbers, 0..<8),
        ("name ~ web(", .invalidRegex("missing closing parenthesis"), 11..<12),
        ("name ~ 'a${x}'", .invalidRegex("illegal repetition"), 10..<11),
        ("name = 'web", .unterminatedString, 7..<11),
        ("", .expectedAttribute(found: "end of input"), 0..<0),
        ("()", .expectedAttribute(found: "')'"), 1..<2),
        ("= x", .expectedAttribute(found: "'='"), 0..<1),
    ])
    func reportsErrorAtPosition(input: String, kind: FilterSyntaxError.Kind, range: Range<Int>) {
        #expect(throws: FilterSyntaxError(kind: kind, range: range)) { try Filter(expression: input) }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "(", count: 5000) + "a" + String(repeating: ")", count: 5000)
        #expect(throws: FilterSyntaxError.self) { try Filter(expression: deep) }
        let nots = String(repeating: "not ", count: 5000) + "a"
        #expect(throws: FilterSyntaxError.self) { try Filter(expression: nots) }
    }

    @Test func caretLinesUpUnderTheColumn() {
        let error = FilterSyntaxError(kind: .unterminatedGroup, range: 5..<6)
        let text = error.rendered(filter: "é = (x")
        #expect(text == """
            error: '(' is never closed
              é = (x
                  ^
            hint: add the missing ')'
            """)
    }
}
