import Foundation
import TsuzuriGlossary

/// The glossary formats `tsuzuri glossary import` reads and `export` writes.
public enum GlossaryExchangeFormat: String, CaseIterable, Sendable {
    /// TBX v3 (ISO 30042:2019), TBX-Basic dialect; the reader also reads v2.
    case tbx
    /// TBX v2 (ISO 30042:2008, `<martif>`), as Trados MultiTerm and memoQ exchange it.
    case tbx2
    /// RFC 4180 CSV with the header row ja,en,kind,variants,aliases,note.
    case csv
    /// OmegaT's glossary: source, target, comment, tab-separated, UTF-8.
    case omegat
    /// prh's YAML rules (textlint-rule-prh): expected, patterns, prh.
    case prh
    /// tsuzuri's own TSV (import only: another team's glossary file).
    case tsv

    /// The codec that reads and writes the format.
    public var codec: any GlossaryCodec {
        switch self {
        case .tbx: TBXCodec(version: .v3)
        case .tbx2: TBXCodec(version: .v2)
        case .csv: CSVGlossaryCodec()
        case .omegat: OmegaTGlossaryCodec()
        case .prh: PrhGlossaryCodec()
        case .tsv: TSVGlossaryCodec()
        }
    }

    /// The format a file name says: .tbx, .csv, .yml/.yaml (prh), .utf8/.txt/.tab (OmegaT), .tsv.
    public static func forExtension(of path: String) -> GlossaryExchangeFormat? {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        switch path[path.index(after: dot)...].lowercased() {
        case "tbx": return .tbx
        case "csv": return .csv
        case "yml", "yaml": return .prh
        case "utf8", "txt", "tab": return .omegat
        case "tsv": return .tsv
        default: return nil
        }
    }

    /// A .tsv file is tsuzuri's own glossary when it has the header line, else an OmegaT glossary
    /// (OmegaT writes its glossaries as tab-separated text without a header).
    public static func refine(_ format: GlossaryExchangeFormat, head: [UInt8]) -> GlossaryExchangeFormat {
        guard format == .tsv else { return format }
        let text = String(decoding: head, as: UTF8.self)
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let columns = trimmed.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            return columns == GlossaryFormat.columns ? .tsv : .omegat
        }
        return .tsv
    }
}
