// swift-tools-version:6.0
import PackageDescription
#if canImport(Glibc)
import Glibc
#endif

// Data flows one way: text → term candidates → glossary matches and variant clusters → findings.
// Each target has one job and depends only on targets earlier in that flow.
// The Swift runtime and Foundation linked into a release binary. The modules are compiled against
// the shared runtime's interfaces, whose link entries name only the shared libraries, so the static
// archives Foundation needs besides are listed here, callers before callees.
let staticRuntime = [
    "-static-stdlib",
    "-lFoundation", "-lFoundationInternationalization", "-lFoundationEssentials", "-lCoreFoundation",
    "-l_FoundationICU", "-l_FoundationCShims", "-l_FoundationCollections", "-lswiftSynchronization",
]

// The release binary's layout. Its code is placed as `scripts/symbol-order.txt` lists it (the
// functions the main commands run, side by side; `scripts/build-symbol-order` makes the list), with
// each of our functions in a section of its own so that the linker can move it: a command then
// touches a few hundred kilobytes of code rather than pages scattered over 20 MB, and resident
// memory drops by 5–6 MB in every process (the seed check: 32 → 26–27 MB). Relative relocations
// are packed (RELR) where the C library can apply them (glibc 2.36): 2.2 MB of relocation records
// become 18 KB that start-up reads. lld, shipped with the toolchain, does both.
let packageDirectory = Context.packageDirectory
let releaseLayout = [
    "-use-ld=lld",
    "-Xlinker", "--symbol-ordering-file=\(packageDirectory)/scripts/symbol-order.txt",
    "-Xlinker", "--no-warn-symbol-ordering",
] + (glibcPacksRelocations ? ["-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"] : [])

var glibcPacksRelocations: Bool {
    #if canImport(Glibc)
    // "glibc 2.36"
    var name = [CChar](repeating: 0, count: 64)
    guard confstr(Int32(_CS_GNU_LIBC_VERSION), &name, name.count) > 0 else { return false }
    let version = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self).split(separator: " ").last?.split(separator: ".").compactMap { Int($0) } ?? []
    return version.count >= 2 && (version[0], version[1]) >= (2, 36)
    #else
    return false
    #endif
}

let package = Package(
    name: "tsuzuri",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tsuzuri", targets: ["tsuzuri"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        // Glossary exchange: RFC 4180 CSV (quoted line breaks) and prh's YAML.
        .package(url: "https://github.com/yaslab/CSV.swift", exact: "2.5.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // The only place that sees ICU headers: Foundation on Linux carries its own ICU copy and
        // the two clash when one Swift module imports both.
        .target(
            name: "CICU",
            linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("icui18n")]
        ),
        .target(name: "TsuzuriText", dependencies: ["CICU"]),
        // libxml2 (XML and HTML) and cmark-gfm (CommonMark with source positions), sealed like CICU.
        .target(
            name: "CXML",
            cSettings: [.unsafeFlags(["-I/usr/include/libxml2"])],
            linkerSettings: [.linkedLibrary("xml2")]
        ),
        // Streaming XML (TMX, XLIFF) on CXML: one owner per libxml2 parser, events as Swift values.
        .target(name: "TsuzuriXML", dependencies: ["CXML"]),
        .target(
            name: "CCmark",
            linkerSettings: [.linkedLibrary("cmark-gfm"), .linkedLibrary("cmark-gfm-extensions")]
        ),
        // Document readers: plain text, Markdown, HTML, XLIFF and PO as pieces placed in the file.
        .target(name: "TsuzuriDocuments", dependencies: ["TsuzuriText", "TsuzuriXML", "CXML", "CCmark"]),
        .target(name: "TsuzuriVariants", dependencies: ["TsuzuriText"]),
        .target(name: "TsuzuriGlossary", dependencies: ["TsuzuriText"]),
        .target(name: "TsuzuriCheck", dependencies: ["TsuzuriText", "TsuzuriGlossary", "TsuzuriVariants"]),
        .target(name: "TsuzuriExchange", dependencies: ["TsuzuriText", "TsuzuriXML"]),
        // Glossaries in other tools' formats (TBX, CSV, OmegaT, prh) behind TsuzuriGlossary's codec seam.
        .target(
            name: "TsuzuriGlossaryExchange",
            dependencies: [
                "TsuzuriGlossary", "TsuzuriXML",
                .product(name: "CSV", package: "CSV.swift"), .product(name: "Yams", package: "Yams"),
            ]
        ),
        // libpq (Debian libpq-dev for the header), sealed like CICU: plain C types, cpg_ prefix.
        // Opened with dlopen on the first connection (see CPostgres.c), so not linked.
        .target(
            name: "CPostgres",
            cSettings: [.unsafeFlags(["-I/usr/include/postgresql"])],
            linkerSettings: [.linkedLibrary("dl")]
        ),
        // Opening, checking and migrating tsuzuri's SQLite files (the memory, the dictionary).
        .target(name: "TsuzuriSQLite", dependencies: [.product(name: "GRDB", package: "GRDB.swift")]),
        .target(
            name: "TsuzuriMemory",
            dependencies: [
                "TsuzuriExchange", "TsuzuriText", "TsuzuriSQLite", "CPostgres", .product(name: "GRDB", package: "GRDB.swift"),
                // The C API, for the index reads a search makes by the thousand (no Row or Data per row).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // zlib for gzip-compressed dictionaries, sealed like CICU.
        .target(name: "CZlib", linkerSettings: [.linkedLibrary("z")]),
        // Imported EDICT/ENAMDICT dictionaries: an SQLite store on GRDB and the lookups other features ask.
        .target(
            name: "TsuzuriDictionary",
            dependencies: ["TsuzuriText", "TsuzuriSQLite", "CZlib", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "TsuzuriPretranslate",
            dependencies: ["TsuzuriText", "TsuzuriGlossary", "TsuzuriMemory", "TsuzuriExchange", "TsuzuriDocuments"]
        ),
        // .tsuzuri.toml: reading and checking it, and layering defaults, file, environment and options.
        .target(
            name: "TsuzuriConfig",
            dependencies: ["TsuzuriText", "TsuzuriCheck", "TsuzuriVariants", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        // Evidence from outside the document for check: the translation memory, a dictionary.
        .target(name: "TsuzuriEvidence", dependencies: ["TsuzuriText", "TsuzuriCheck", "TsuzuriMemory", "TsuzuriDictionary"]),
        .target(name: "TsuzuriLSP", dependencies: ["TsuzuriText", "TsuzuriGlossary", "TsuzuriVariants", "TsuzuriCheck", "TsuzuriDocuments"]),
        .executableTarget(
            name: "tsuzuri",
            dependencies: [
                "TsuzuriText", "TsuzuriGlossary", "TsuzuriVariants", "TsuzuriCheck",
                "TsuzuriExchange", "TsuzuriMemory", "TsuzuriPretranslate", "TsuzuriDocuments", "TsuzuriLSP",
                "TsuzuriDictionary", "TsuzuriGlossaryExchange", "TsuzuriEvidence", "TsuzuriConfig",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            resources: [.embedInCode("DefaultGlossary")],
            // A release binary carries the Swift runtime and Foundation inside it: a `tm search` or
            // a `check` of one article starts in about three quarters of the time and 5 MB less
            // memory (no dynamic loading and relocation of fourteen runtime libraries; protocol
            // conformances looked up in one image). Debug builds and the test bundle stay dynamic,
            // as the test libraries link the shared runtime.
            linkerSettings: [.unsafeFlags(staticRuntime + releaseLayout, .when(configuration: .release))]
        ),
        .testTarget(name: "TsuzuriTextTests", dependencies: ["TsuzuriText"]),
        .testTarget(name: "TsuzuriGlossaryTests", dependencies: ["TsuzuriGlossary"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "TsuzuriGlossaryExchangeTests", dependencies: ["TsuzuriGlossaryExchange", "TsuzuriGlossary"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "TsuzuriVariantsTests", dependencies: ["TsuzuriVariants"], resources: [.copy("Fixtures")]),
        .testTarget(name: "TsuzuriCheckTests", dependencies: ["TsuzuriCheck"]),
        .testTarget(name: "TsuzuriDocumentsTests", dependencies: ["TsuzuriDocuments"], resources: [.copy("Fixtures")]),
        .testTarget(name: "TsuzuriXMLTests", dependencies: ["TsuzuriXML"]),
        .testTarget(name: "TsuzuriExchangeTests", dependencies: ["TsuzuriExchange"]),
        .testTarget(
            name: "TsuzuriMemoryTests",
            dependencies: ["TsuzuriMemory", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "TsuzuriDictionaryTests",
            dependencies: ["TsuzuriDictionary", .product(name: "GRDB", package: "GRDB.swift")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "TsuzuriPretranslateTests", dependencies: ["TsuzuriPretranslate", "TsuzuriDocuments", "TsuzuriText"]),
        .testTarget(name: "TsuzuriEvidenceTests", dependencies: ["TsuzuriEvidence", "TsuzuriCheck", "TsuzuriMemory", "TsuzuriGlossary"]),
        .testTarget(name: "TsuzuriConfigTests", dependencies: ["TsuzuriConfig", "TsuzuriCheck"]),
        .testTarget(name: "TsuzuriLSPTests", dependencies: ["TsuzuriLSP"], resources: [.copy("Fixtures")]),
        .testTarget(name: "EndToEndTests", dependencies: ["tsuzuri"], resources: [.copy("Fixtures")]),
    ],
    swiftLanguageModes: [.v6]
)

// Each function of our own modules in a section of its own in a release build, for the layout
// above (the toolchain's libraries come as they are).
for target in package.targets where target.type != .test && target.name.lowercased().hasPrefix("tsuzuri") {
    target.swiftSettings = (target.swiftSettings ?? []) + [
        .unsafeFlags(["-Xfrontend", "-function-sections"], .when(configuration: .release)),
    ]
}
