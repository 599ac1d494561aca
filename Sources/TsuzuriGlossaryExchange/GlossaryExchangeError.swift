import Foundation

/// Why a glossary in another tool's format could not be read: every message names the file and
/// the line, says what is wrong and what to do.
public enum GlossaryExchangeError: Error, LocalizedError, Equatable, Sendable {
    /// The file is not what its format requires (bad XML, a ragged CSV row, bad YAML…).
    case malformed(file: String, line: Int, reason: String)
    /// A TBX from before ISO 30042 (the 2002 LISA draft); only TBX v2 and v3 are read.
    case tbxVersion1(file: String, line: Int)
    /// A TBX whose concepts hold no Japanese term.
    case noJapanese(file: String, concepts: Int)
    /// Bytes that are not UTF-8 where UTF-8 is required.
    case notUTF8(file: String, line: Int)

    public var errorDescription: String? {
        switch self {
        case .malformed(let file, let line, let reason):
            return "\(file):\(line): \(reason)"
        case .tbxVersion1(let file, let line):
            return "\(file):\(line): this is TBX 1 (the 2002 LISA draft, TBXcdv04.dtd), which tsuzuri does not read; export the termbase again as TBX v2 (<martif>, ISO 30042:2008) or TBX v3 (<tbx>, ISO 30042:2019)"
        case .noJapanese(let file, let concepts):
            return "\(file):1: none of its \(concepts) concepts has a Japanese term (a langSec or langSet with xml:lang=\"ja\"); tsuzuri glossaries are Japanese–English: export the termbase with its Japanese terms"
        case .notUTF8(let file, let line):
            return "\(file):\(line): not UTF-8; save the file as UTF-8 (e.g. iconv -f SHIFT_JIS -t UTF-8) and import it again"
        }
    }
}
