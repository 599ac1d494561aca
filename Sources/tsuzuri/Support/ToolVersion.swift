/// tsuzuri's version: the one place it is written (`--version`, exported TMX headers).
enum ToolVersion {
    static let current = "0.1.0"
}
