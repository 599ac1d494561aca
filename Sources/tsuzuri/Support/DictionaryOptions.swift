import ArgumentParser
import Foundation
import TsuzuriDictionary

/// `--dictionary PATH`, shared by `dict` and by the commands that ask the dictionary for English
/// (`lookup`, `terms`), and the rule for where the dictionary lives when the option is not given.
struct DictionaryOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The imported dictionary (see `tsuzuri dict import`). Default: $TSUZURI_DICTIONARY, else $XDG_DATA_HOME/tsuzuri/dictionary.sqlite, else ~/.local/share/tsuzuri/dictionary.sqlite.",
            valueName: "path"))
    var dictionary: String?

    /// The dictionary file this run uses.
    func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let dictionary, !dictionary.isEmpty { return dictionary }
        return DictionaryStore.defaultPath(environment: environment, home: NSHomeDirectory())
    }

    /// Opens the dictionary; commands that only read never create or migrate it.
    func open(readOnly: Bool) throws -> DictionaryStore {
        try DictionaryStore(path: path(), readOnly: readOnly)
    }

    /// The dictionary for commands that work without one: nil when none was imported at the
    /// default place, an error when one was named (--dictionary, $TSUZURI_DICTIONARY) and is missing.
    func openIfPresent(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> DictionaryStore? {
        let path = path(environment: environment)
        let named = dictionary != nil || !(environment["TSUZURI_DICTIONARY"] ?? "").isEmpty
        if !named && !FileManager.default.fileExists(atPath: path) { return nil }
        return try DictionaryStore(path: path, readOnly: true)
    }
}

/// How a dictionary entry reads in text output, the same in `dict lookup`, `lookup` and `terms`.
enum DictionaryRendering {
    /// `ヴィリニュス = Vilnius  (enamdict:13, person, unclassified)`.
    static func line(_ gloss: DictionaryGloss) -> String {
        var notes = ["\(gloss.source):\(gloss.line)"]
        if !gloss.nameTypes.isEmpty { notes.append(gloss.nameTypeDescription) }
        if gloss.priority { notes.append("common word") }
        if gloss.match == .normalized { notes.append("spelling normalised") }
        return "\(gloss.headline) = \(gloss.glosses.joined(separator: "; "))  " + Style.dim("(\(notes.joined(separator: ", ")))")
    }
}
