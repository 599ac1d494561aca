import Foundation

/// A fresh folder for one test's files, removed when the value goes away.
final class TemporaryFolder {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("tsuzuri-exchange-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func file(_ name: String, _ contents: String) -> URL {
        let file = url.appendingPathComponent(name)
        try? Data(contents.utf8).write(to: file)
        return file
    }

    func file(_ name: String, data: Data) -> URL {
        let file = url.appendingPathComponent(name)
        try? data.write(to: file)
        return file
    }
}
