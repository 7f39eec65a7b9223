import Foundation

/// A throwaway self-signed certificate for 127.0.0.1, made with the `openssl` command.
struct TestCertificate {
    let certificatePath: String
    let keyPath: String

    /// Writes a fresh P-256 key and a one-day certificate (subjectAltName IP:127.0.0.1).
    static func make() throws -> TestCertificate {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("awshttp-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let certificate = TestCertificate(
            certificatePath: directory.appendingPathComponent("cert.pem").path,
            keyPath: directory.appendingPathComponent("key.pem").path
        )
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
            "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            "-keyout", certificate.keyPath, "-out", certificate.certificatePath,
        ]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestFailure("openssl req failed with status \(process.terminationStatus)")
        }
        return certificate
    }
}
