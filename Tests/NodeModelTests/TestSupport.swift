import NodeModel

/// Decodes resource-json text.
func decodeJSON(_ text: String, file: String = "-") throws(NodeFileError) -> [Node] {
    try ResourceJSON.decode(Array(text.utf8), file: file)
}

/// The error that decoding `text` throws, or nil if it decodes.
func jsonError(_ text: String) -> NodeFileError? {
    jsonError(Array(text.utf8))
}

func jsonError(_ bytes: [UInt8]) -> NodeFileError? {
    do {
        _ = try ResourceJSON.decode(bytes)
        return nil
    } catch {
        return error
    }
}

/// The error that decoding YAML `text` throws, or nil if it decodes.
func yamlError(_ text: String) -> NodeFileError? {
    do {
        _ = try ResourceYAML.decode(text)
        return nil
    } catch {
        return error
    }
}

/// The line and column of an error, for compact assertions.
func lineColumn(_ error: NodeFileError?) -> [Int]? {
    error?.position.map { [$0.line, $0.column] }
}
