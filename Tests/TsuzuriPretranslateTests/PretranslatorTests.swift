import Foundation
import Testing
import TsuzuriGlossary
import TsuzuriMemory
import TsuzuriPretranslate

@Suite("Pretranslator")
struct PretranslatorTests {
    let glossary = Glossary(entries: [
        GlossaryEntry(ja: "ヘグセス", en: "Hegseth", kind: .person, variants: ["ヘグゼス"]),
        GlossaryEntry(ja: "国防長官", en: "Secretary of Defense", kind: .title),
    ])

    @Test("sentences carry their glossary terms, variants marked, each term once")
    func terms() throws {
        let pretranslator = try Pretranslator(glossary: glossary, memory: nil, minScore: 70)
        let sentences = try pretranslator.pretranslate(line: "ヘグゼス国防長官が来た。ヘグセス氏とヘグセス夫人は帰った。", number: 3)
        #expect(sentences.count == 2)
        #expect(sentences[0].line == 3)
        #expect(sentences[0].terms.map(\.en) == ["Hegseth", "Secretary of Defense"])
        #expect(sentences[0].terms[0].role == .variant)
        #expect(sentences[1].column == 13)
        #expect(sentences[1].terms.map(\.surface) == ["ヘグセス"])
        #expect(sentences.allSatisfy { $0.match == nil })
    }

    @Test("the best memory match at or above the threshold")
    func memoryMatch() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tsuzuri-pt-\(UUID().uuidString).sqlite").path
        let memory = try TranslationMemory(path: path)
        _ = try memory.add(NewUnit(source: "ヘグセス国防長官が到着した。", target: "Defense Secretary Hegseth arrived.", sourceLanguage: "ja", targetLanguage: "en"))
        let pretranslator = try Pretranslator(glossary: glossary, memory: memory, minScore: 70)
        let sentences = try pretranslator.pretranslate(line: "ヘグセス国防長官が到着しました。", number: 1)
        let match = try #require(sentences.first?.match)
        #expect(match.target == "Defense Secretary Hegseth arrived.")
        #expect(match.score >= 70 && match.score < 100)
        let strict = try Pretranslator(glossary: glossary, memory: memory, minScore: 95)
        #expect(try strict.pretranslate(line: "ヘグセス国防長官が到着しました。", number: 1).first?.match == nil)
    }
}
