import NodeModel
import Testing

struct ResourceFormatTests {
    @Test(arguments: [
        ("json", ResourceFormat.json), (".json", .json), ("JSON", .json),
        ("yaml", .yaml), (".yml", .yaml), ("YML", .yaml),
    ])
    func fileExtensionsNameTheirFormat(ext: String, format: ResourceFormat) {
        #expect(ResourceFormat(fileExtension: ext) == format)
    }

    @Test(arguments: ["xml", "", ".", "jsonl", "yaml~"])
    func otherExtensionsHaveNoFormat(ext: String) {
        #expect(ResourceFormat(fileExtension: ext) == nil)
    }

    @Test(arguments: [
        ("{\"a\": {}}", ResourceFormat.json), ("  \n\t[ ]", .json), ("\u{FEFF}{}", .json),
        ("a: {}", .yaml), ("- nodename: a", .yaml), ("", .yaml), ("   ", .yaml), ("# {", .yaml), ("---\n{}", .yaml),
    ])
    func sniffingLooksAtTheFirstByteAfterWhitespace(text: String, format: ResourceFormat) {
        #expect(ResourceFormat.sniff(Array(text.utf8)) == format)
    }
}
