import TsuzuriText

/// The suppression directives of the checked files (`<!-- tsuzuri-disable-next-line -->` and its
/// kin, whatever the format wrote them in) and how they thin a report: a flagged occurrence on a
/// suppressed line, for a rule the directive names (or any rule when it names none), is dropped.
/// One mechanism for every format: readers hand on `DocumentPart.directive`, this applies them.
public struct Suppressions: Sendable {
    /// Where a directive stands, for warnings (`file:line`) and the unused report.
    public struct Origin: Sendable, Hashable, Comparable {
        public var file: String
        public var line: Int
        /// The directive as people write it: `tsuzuri-disable-next-line near-miss`.
        public var text: String

        public static func < (a: Origin, b: Origin) -> Bool { (a.file, a.line, a.text) < (b.file, b.line, b.text) }
    }

    /// Lines of one file where some rules are not reported.
    struct Region: Sendable {
        var file: String
        var lines: ClosedRange<Int>
        var rules: Set<CheckRule>
        /// Index into `origins` of the directive that made the region.
        var origin: Int
    }

    private var directives: [String: [(directive: SuppressionDirective, origin: Int)]] = [:]
    private var fileOrder: [String] = []
    public private(set) var origins: [Origin] = []
    /// Problems with the directives (unknown rule names), each naming the file and line.
    public private(set) var warnings: [String] = []

    public init() {}

    /// Notes one directive of `file`. Unknown rule names become warnings and are left out (a
    /// directive naming only unknown rules suppresses nothing).
    public mutating func record(_ directive: SuppressionDirective, file: String) {
        if directives[file] == nil { fileOrder.append(file) }
        let text = ([directive.kind.rawValue] + directive.rules).joined(separator: " ")
        origins.append(Origin(file: file, line: directive.lines.lowerBound, text: text))
        for name in directive.rules where CheckRule(rawValue: name) == nil {
            let known = CheckRule.allCases.map(\.rawValue).joined(separator: ", ")
            warnings.append("\(file):\(directive.lines.lowerBound): unknown rule '\(name)' in \(directive.kind.rawValue); known rules: \(known)")
        }
        directives[file, default: []].append((directive, origins.count - 1))
    }

    /// The lines each directive covers: `disable` runs to the next `enable` that names its rules
    /// (or names none), or to the end of the file.
    func regions() -> [Region] {
        var regions: [Region] = []
        let all = Set(CheckRule.allCases)
        for file in fileOrder {
            var open: [(start: Int, rules: Set<CheckRule>, origin: Int)] = []
            let sorted = directives[file, default: []].enumerated().sorted { a, b in
                (a.element.directive.lines.lowerBound, a.offset) < (b.element.directive.lines.lowerBound, b.offset)
            }.map(\.element)
            for (directive, origin) in sorted {
                let rules = directive.rules.isEmpty ? all : Set(directive.rules.compactMap(CheckRule.init(rawValue:)))
                let lines = directive.lines
                switch directive.kind {
                case .disableNextLine:
                    regions.append(Region(file: file, lines: (lines.upperBound + 1)...(lines.upperBound + 1), rules: rules, origin: origin))
                case .disableLine:
                    regions.append(Region(file: file, lines: lines, rules: rules, origin: origin))
                case .disable:
                    open.append((lines.lowerBound, rules, origin))
                case .enable:
                    var still: [(start: Int, rules: Set<CheckRule>, origin: Int)] = []
                    for block in open {
                        let closed = block.rules.intersection(rules)
                        if !closed.isEmpty {
                            regions.append(Region(file: file, lines: block.start...lines.upperBound, rules: closed, origin: block.origin))
                        }
                        // `enable near-miss` inside `disable`: the other rules stay off.
                        let left = block.rules.subtracting(rules)
                        if !left.isEmpty { still.append((block.start, left, block.origin)) }
                    }
                    open = still
                }
            }
            for block in open { regions.append(Region(file: file, lines: block.start...Int.max, rules: block.rules, origin: block.origin)) }
        }
        return regions
    }

    /// What applying the directives to a report gave.
    public struct Outcome: Sendable {
        public var report: CheckReport
        /// Directives that suppressed nothing (`enable` is never counted: it suppresses nothing by itself).
        public var unused: [Origin]
    }

    /// Drops every flagged occurrence a directive covers; a spelling left with none is no longer
    /// flagged, and a finding left with nothing flagged disappears. The report counts what was
    /// dropped in `suppressedOccurrences`.
    public func apply(to report: CheckReport) -> Outcome {
        let regions = regions()
        var used = Set<Int>()
        var byFile: [String: [Region]] = [:]
        for region in regions { byFile[region.file, default: []].append(region) }
        var suppressed = 0
        var result = report
        if !byFile.isEmpty {
            result.findings = report.findings.compactMap { finding in
                var finding = finding
                finding.spellings = finding.spellings.compactMap { use in
                    guard let rule = use.rule else { return use }
                    var use = use
                    use.locations.removeAll { location in
                        guard let candidates = byFile[location.file] else { return false }
                        var hit = false
                        for region in candidates where region.lines.contains(location.line) && region.rules.contains(rule) {
                            used.insert(region.origin)
                            hit = true
                        }
                        return hit
                    }
                    let removed = use.count - use.locations.count
                    guard removed > 0 else { return use }
                    suppressed += removed
                    use.count = use.locations.count
                    return use.locations.isEmpty ? nil : use
                }
                let flagged = finding.flagged
                guard !flagged.isEmpty else { return nil }
                var rules: [CheckRule] = []
                for use in flagged { if let rule = use.rule, !rules.contains(rule) { rules.append(rule) } }
                finding.rules = rules
                return finding
            }
        }
        result.suppressedOccurrences += suppressed
        var unused: [Origin] = []
        for file in fileOrder {
            for (directive, origin) in directives[file, default: []] where directive.kind != .enable && !used.contains(origin) {
                unused.append(origins[origin])
            }
        }
        return Outcome(report: result, unused: unused.sorted())
    }
}
