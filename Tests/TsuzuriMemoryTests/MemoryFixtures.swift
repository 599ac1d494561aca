import Foundation
@testable import TsuzuriMemory

/// A fresh memory in a temporary folder, removed when the value goes away.
final class TemporaryMemory {
    let folder: URL
    let memory: TranslationMemory

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tsuzuri-memory-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        memory = try TranslationMemory(path: folder.appendingPathComponent("memory.sqlite").path)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    var path: String { memory.path }

    func file(_ name: String, _ contents: String) -> URL {
        let url = folder.appendingPathComponent(name)
        try? Data(contents.utf8).write(to: url)
        return url
    }

    static let tmx = """
        <?xml version="1.0" encoding="UTF-8"?>
        <tmx version="1.4">
          <header creationtool="test" creationtoolversion="1" datatype="plaintext" segtype="sentence" adminlang="en" srclang="ja" o-tmf="test"/>
          <body>
            <tu changedate="20240101T000000Z"><tuv xml:lang="ja"><seg>ファイルを開けません</seg></tuv><tuv xml:lang="en"><seg>Cannot open the file</seg></tuv></tu>
            <tu changedate="20240102T000000Z"><tuv xml:lang="ja"><seg>ファイルを保存できません</seg></tuv><tuv xml:lang="en"><seg>Cannot save the file</seg></tuv></tu>
            <tu changedate="20240103T000000Z"><tuv xml:lang="ja"><seg>国防長官はヘグセス氏です</seg></tuv><tuv xml:lang="en-US"><seg>The Secretary of Defense is Hegseth</seg></tuv></tu>
            <tu changedate="20240104T000000Z"><tuv xml:lang="ja"><seg>設定を<bpt i="1">&lt;b&gt;</bpt>保存<ept i="1">&lt;/b&gt;</ept>しました</seg></tuv><tuv xml:lang="en"><seg>Settings <ph>&lt;br/&gt;</ph>saved</seg></tuv></tu>
            <tu><tuv xml:lang="ja"><seg>ファイルを開けません</seg></tuv><tuv xml:lang="en"><seg>Cannot open the file</seg></tuv></tu>
          </body>
        </tmx>
        """
}
