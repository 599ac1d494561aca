/// The unit in which LSP positions count characters within a line, as negotiated at initialize
/// (`general.positionEncodings` → `capabilities.positionEncoding`). tsuzuri's own columns count
/// Unicode scalars, so every position crossing the protocol is converted here, and only here.
public enum PositionEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case utf16 = "utf-16"
    case utf32 = "utf-32"

    /// Picks the first encoding the client lists that the server supports; UTF-16 when the client
    /// lists none (the protocol's default, which every client must support).
    public static func negotiate(clientOffers: [String]?) -> PositionEncoding {
        for name in clientOffers ?? [] {
            if let encoding = PositionEncoding(rawValue: name.lowercased()) { return encoding }
        }
        return .utf16
    }

    /// How many code units of this encoding one scalar takes (𠮷: 2 in UTF-16, 4 in UTF-8).
    @inline(__always)
    func width(_ scalar: Unicode.Scalar) -> Int {
        switch self {
        case .utf8: UTF8.width(scalar)
        case .utf16: UTF16.width(scalar)
        case .utf32: 1
        }
    }

    /// The code-unit offset of a scalar index (0-based) in `line`. An index past the end gives
    /// the line's length.
    public func offset(ofScalar index: Int, in line: Substring) -> Int {
        if self == .utf32 { return min(index, line.unicodeScalars.count) }
        var offset = 0
        for (i, scalar) in line.unicodeScalars.enumerated() {
            if i == index { break }
            offset += width(scalar)
        }
        return offset
    }

    /// The scalar index (0-based) at a code-unit offset in `line`. An offset inside a scalar (the
    /// second half of a surrogate pair) rounds down to that scalar's start; one past the end of
    /// the line is clamped to its end, as the protocol asks.
    public func scalarIndex(ofOffset offset: Int, in line: Substring) -> Int {
        var units = 0
        var index = 0
        for scalar in line.unicodeScalars {
            let next = units + width(scalar)
            if next > offset { return index }
            units = next
            index += 1
        }
        return index
    }
}
