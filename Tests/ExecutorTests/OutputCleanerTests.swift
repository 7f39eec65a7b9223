@testable import Executor
import Foundation
import NodeModel
import AWSCore
import AWSSigner
import Testing

/// The wrapper's marker lines found and removed wherever the stream is cut.
struct OutputCleanerTests {
    static let marker = ExitMarker(text: "ecsn00112233445566778899aabbccddeeff")

    /// The PTY stream of a wrapped command that wrote `output` and exited with `status`.
    static func stream(_ output: String, status: Int, mode: String = "raw", preamble: String = "") -> [UInt8] {
        var text = preamble + "\(marker.text) begin \(mode)" + (mode == "raw" ? "\n" : "\r\n")
        text += mode == "raw" ? output : output.replacingOccurrences(of: "\n", with: "\r\n")
        text += "\(marker.text) end \(status)" + (mode == "raw" ? "\n" : "\r\n")
        return Array(text.utf8)
    }

    /// Feeds `stream` in pieces of `size` bytes; returns the output and the cleaner.
    static func clean(_ stream: [UInt8], size: Int) -> ([UInt8], OutputCleaner) {
        var cleaner = OutputCleaner(marker: marker)
        var output: [UInt8] = []
        var start = 0
        while start < stream.count {
            output += cleaner.consume(stream[start..<min(start + size, stream.count)])
            start += size
        }
        output += cleaner.finish()
        return (output, cleaner)
    }

    @Test(arguments: [1, 2, 3, 7, 36, 37, 1024])
    func findsTheMarkersWhereverTheStreamIsCut(size: Int) {
        for output in ["hello\nworld\n", "no newline", "", "\n", "ecsn0011 looks like the marker\n", "ends with ecsn0011"] {
            let (clean, cleaner) = Self.clean(Self.stream(output, status: 3, preamble: "agent noise\r\n"), size: size)
            #expect(clean == Array(output.utf8), "size \(size): \(output.debugDescription)")
            #expect(cleaner.exitStatus == 3)
            #expect(cleaner.mode == .raw)
            #expect(cleaner.preamble == Array("agent noise\r\n".utf8))
        }
    }

    @Test(arguments: [1, 2, 5, 1024])
    func turnsCRLFBackIntoLFWhenSttyFailed(size: Int) {
        let (clean, cleaner) = Self.clean(Self.stream("a\nb\n\nlast", status: 0, mode: "crlf"), size: size)
        #expect(clean == Array("a\nb\n\nlast".utf8))
        #expect(cleaner.mode == .crlf)
        #expect(cleaner.exitStatus == 0)
    }

    @Test func keepsCarriageReturnsInRawMode() {
        let (clean, _) = Self.clean(Self.stream("progress\r50%\r100%\r\n", status: 0), size: 4)
        #expect(clean == Array("progress\r50%\r100%\r\n".utf8))
    }

    @Test func aStreamWithoutTheEndLineHasNoStatusAndLosesNoByte() {
        var stream = Array("\(Self.marker.text) begin raw\nsome output\npartial ecsn00".utf8)
        stream += []
        let (clean, cleaner) = Self.clean(stream, size: 5)
        #expect(clean == Array("some output\npartial ecsn00".utf8))
        #expect(cleaner.exitStatus == nil)
        #expect(cleaner.started)
    }

    @Test func beforeTheBeginLineNothingIsOutput() {
        var cleaner = OutputCleaner(marker: Self.marker)
        #expect(cleaner.consume(Array("sh: 1: /bin/sh: not found\r\n".utf8)).isEmpty)
        #expect(cleaner.finish().isEmpty)
        #expect(!cleaner.started)
    }

    @Test func signalStatusesAndBytesAfterTheEndLine() {
        var stream = Self.stream("x", status: 137)
        stream += Array("trailing junk".utf8)
        let (clean, cleaner) = Self.clean(stream, size: 3)
        #expect(clean == Array("x".utf8))
        #expect(cleaner.exitStatus == 137)
    }

    @Test func markersAreRandomHex() {
        let one = ExitMarker(), two = ExitMarker()
        #expect(one != two)
        #expect(one.text.count == 36)
        #expect(one.text.dropFirst(4).allSatisfy { $0.isHexDigit && !$0.isUppercase })
    }
}

/// `${node.…}` templates and shell quoting.
struct CommandTemplateTests {
    @Test func fillsInAttributesQuoted() throws {
        let node = Node(name: "web-1", attributes: ["ECS:Task-ID": "abc", "hostname": "10.0.0.1"], tags: ["prod", "web"])
        #expect(try CommandTemplate("echo ${node.name} ${node.ECS:Task-ID} ${HOME} ${node.tags}").render(for: node)
            == "echo 'web-1' 'abc' ${HOME} 'prod, web'")
        #expect(CommandTemplate("a ${node.x} ${node.y} ${node.x}").attributeNames == ["x", "y"])
        #expect(CommandTemplate("uptime").isConstant)
        #expect(try CommandTemplate("unterminated ${node.name").render(for: node) == "unterminated ${node.name")
    }

    @Test func aMissingAttributeIsNamed() {
        let node = Node(name: "web-1")
        #expect(throws: CommandTemplateError.missingAttribute(name: "ECS:Nope", node: "web-1")) {
            try CommandTemplate("echo ${node.ECS:Nope}").render(for: node)
        }
    }

    @Test(arguments: ["$(touch /tmp/x)", "`touch /tmp/x`", "it's", "\"double\"", "back\\slash", "new\nline", "", "; rm -rf /"])
    func quotedValuesAreOneInertWord(value: String) throws {
        let quoted = ShellQuoting.quote(value)
        #expect(quoted.hasPrefix("'") && quoted.hasSuffix("'"))
        // What a shell makes of the word is the value itself.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "printf '%s' \(quoted)"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(String(decoding: data, as: UTF8.self) == value)
    }

    @Test func theWrapperLineIsOneShellCommandCarryingMarkerAndCommand() throws {
        let wrapper = CommandWrapper(marker: OutputCleanerTests.marker)
        let line = wrapper.commandLine(for: "echo 'hi'; exit 4")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", line]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        // Not on a terminal here: stty fails, so the wrapper announces crlf.
        #expect(String(decoding: data, as: UTF8.self) == "\(OutputCleanerTests.marker.text) begin crlf\nhi\n\(OutputCleanerTests.marker.text) end 4\n")
    }
}

/// ExecuteCommand errors explain themselves.
struct ExecuteCommandErrorTests {
    @Test func accessDeniedNamesTheIAMAction() {
        let error = AWSError(action: "ExecuteCommand", code: "AccessDeniedException", message: "User is not authorized", status: 400)
        #expect(error.description.contains("ecs:ExecuteCommand"))
        let target = AWSError(action: "ExecuteCommand", code: "TargetNotConnectedException", message: "internal error", status: 400)
        #expect(target.description.contains("OpenDataChannel"))
    }

    @Test func theSessionNeverPrintsItsToken() {
        let session = ECS.Session(sessionId: "ecs-execute-command-1", streamUrl: "wss://x", tokenValue: "SECRET-TOKEN")
        #expect(!"\(session)".contains("SECRET-TOKEN"))
    }

    @Test func theUpgradeIsSignedForSsmmessagesUnlessPresigned() throws {
        let signer = UpgradeSigner(credentials: Credentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "secret", sessionToken: "tok"),
                                   region: "eu-west-1")
        let headers = try signer.headers(for: "wss://ssmmessages.eu-west-1.amazonaws.com/v1/data-channel/s-1?role=publish_subscribe",
                                         at: Date(timeIntervalSince1970: 1_700_000_000))
        let authorization = try #require(headers.first { $0.name == "Authorization" }?.value)
        #expect(authorization.contains("/20231114/eu-west-1/ssmmessages/aws4_request"))
        #expect(authorization.contains("SignedHeaders=host;x-amz-date;x-amz-security-token"))
        #expect(headers.contains { $0.name == "X-Amz-Security-Token" && $0.value == "tok" })
        #expect(try signer.headers(for: "wss://h/v1/data-channel/s?X-Amz-Signature=abc&X-Amz-Credential=x").isEmpty)
    }
}
