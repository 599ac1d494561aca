import TsuzuriGlossary

/// How a rule's findings are reported: not at all, or at a gcc/SARIF level.
public enum RuleLevel: String, Sendable, CaseIterable, Codable {
    case off, warning, error
}

/// A project's choices about what `check` reports: rule levels and spellings never flagged.
public struct CheckPolicy: Sendable {
    /// Each rule's level; a rule not listed is a warning.
    public var levels: [CheckRule: RuleLevel]
    /// Spellings never flagged, whatever rule they break (compared as the glossary compares forms).
    public var allowed: Set<String>

    public init(levels: [CheckRule: RuleLevel] = [:], allowed: [String] = []) {
        self.levels = levels
        self.allowed = Set(allowed.map(Glossary.japaneseKey))
    }

    public func level(of rule: CheckRule) -> RuleLevel { levels[rule] ?? .warning }
}

extension CheckReport {
    /// The report as a project wants it: spellings of rules switched off and allowed spellings are
    /// no longer flagged (a finding left with nothing flagged is dropped), and every flagged
    /// spelling carries its rule's level.
    public func applying(_ policy: CheckPolicy) -> CheckReport {
        var report = self
        report.findings = findings.compactMap { finding in
            var finding = finding
            finding.spellings = finding.spellings.compactMap { use in
                guard let rule = use.rule else { return use }
                if policy.level(of: rule) == .off || policy.allowed.contains(Glossary.japaneseKey(use.spelling)) { return nil }
                var use = use
                use.level = policy.level(of: rule)
                return use
            }
            let flagged = finding.flagged
            guard !flagged.isEmpty else { return nil }
            var rules: [CheckRule] = []
            for use in flagged { if let rule = use.rule, !rules.contains(rule) { rules.append(rule) } }
            finding.rules = rules
            return finding
        }
        return report
    }
}
