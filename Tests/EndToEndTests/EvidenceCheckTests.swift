import Foundation
import Testing

/// `check` with outside evidence: a translation memory that translates two spellings alike joins
/// them; one that translates them differently keeps them apart; the finding names the units.
@Suite("check with memory evidence")
struct EvidenceCheckTests {
    private func memory(in folder: URL, _ units: [(String, String, String, String)]) throws -> String {
        let path = folder.appendingPathComponent("m.sqlite").path
        for (source, target, sourceLanguage, targetLanguage) in units {
            let added = try runTsuzuri([
                "tm", "add", "--memory", path, "--source-lang", sourceLanguage, "--target-lang", targetLanguage, source, target,
            ])
            #expect(added.status == 0, "\(added.stderr)")
        }
        return path
    }

    private func article(in folder: URL, _ text: String) throws -> (article: String, glossary: String) {
        let article = folder.appendingPathComponent("a.txt").path
        let glossary = folder.appendingPathComponent("empty.tsv").path
        try text.write(toFile: article, atomically: true, encoding: .utf8)
        try "ja\ten\tkind\tvariants\taliases\tnote\n".write(toFile: glossary, atomically: true, encoding: .utf8)
        return (article, glossary)
    }

    @Test("two spellings the memory translates with the same English are one name, with the units named")
    func sameEnglishJoins() throws {
        let folder = try makeTemporaryDirectory()
        let memory = try memory(in: folder, [
            ("ストゥブ大統領は語った。", "President Stubb said.", "ja", "en"),
            ("Stubb stated it again.", "スタッブ氏は改めて述べた。", "en", "ja"),
        ])
        let (article, glossary) = try article(in: folder, "ストゥブは語った。\nスタッブはこう述べた。\n")
        let without = try runTsuzuri(["check", "--glossary", glossary, "--memory", memory, "--no-evidence", article])
        #expect(without.status == 0, "spelling alone keeps them apart: \(without.stdout)")
        let with = try runTsuzuri(["check", "--format", "gcc", "--glossary", glossary, "--memory", memory, article])
        #expect(with.status == 1)
        #expect(with.stdout.contains("スタッブ (1×) is spelled ストゥブ (1×) elsewhere in the text (evidence: the memory translates both as Stubb (ストゥブ: unit 1; スタッブ: unit 2))"))
    }

    @Test("two spellings the memory translates differently are kept apart though spelling joins them")
    func differentEnglishSeparates() throws {
        let folder = try makeTemporaryDirectory()
        let (article, glossary) = try article(in: folder, "アレクサンデルが来た。\nアレクサンドルも来た。\n")
        let plain = try runTsuzuri(["check", "--glossary", glossary, article])
        #expect(plain.status == 1, "spelling alone joins them")
        let memory = try memory(in: folder, [
            ("アレクサンデルは来日した。", "Alexander visited Japan.", "ja", "en"),
            ("アレクサンドルが語った。", "Aleksandr spoke.", "ja", "en"),
        ])
        let with = try runTsuzuri(["check", "--glossary", glossary, "--memory", memory, article])
        #expect(with.status == 0, "\(with.stdout)")
    }

    @Test("a memory that was named but cannot be opened is a warning; the check runs on spelling")
    func missingMemory() throws {
        let folder = try makeTemporaryDirectory()
        let (article, glossary) = try article(in: folder, "ヘグセス長官。ヘグゼス長官。\n")
        let result = try runTsuzuri(["check", "--glossary", glossary, "--memory", folder.appendingPathComponent("none.sqlite").path, article])
        #expect(result.status == 1)
        #expect(result.stderr.contains("the memory's evidence is not used"))
    }

    @Test("lookup of a term the glossary does not know says what the memory translates it as")
    func lookupFromMemory() throws {
        let folder = try makeTemporaryDirectory()
        let memory = try memory(in: folder, [
            ("ヘスゲス長官は語った。", "Secretary Hegseth said.", "ja", "en"),
            ("Hegseth met allies.", "ヘスゲス氏は同盟国と会った。", "en", "ja"),
        ])
        let (_, glossary) = try article(in: folder, "")
        let result = try runTsuzuri(["lookup", "--glossary", glossary, "--memory", memory, "ヘスゲス"])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("ヘスゲス  not in the glossary; the memory translates it as Hegseth (units 1, 2)\n"))
    }
}
