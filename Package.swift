// swift-tools-version: 6.1
import PackageDescription

// PanelReport builds and runs on Linux only: its system calls (Platform) use Glibc
// and Linux's own calls (inotify, fdatasync, st_mtim), and no other system is built
// or tested.

// The targets read like the pipeline: Load → Validate → Compute → Lay out → Write.
// Each stage imports only the stages before it, and each C library has one owner:
// - libxml2 (CLibXML2): XMLWriter for writing, WorkbookReading (its SAX2 push parser) for reading;
// - ZIPFoundation: WorkbookReading to inflate a workbook's parts, CohortExport and
//   SpreadsheetWriting (the report's tables as .ods and .xlsx) to write one;
// - zlib (CLibZ): WorkbookReading's zip checksums only;
// - libcmark (CCmark): ReportRendering's MarkdownReader only;
// - libyaml (CLibYAML): CaseLoading's YAMLReader only;
// - GLPK (CGLPK): DisclosureControl's integer programs only;
// and only Platform makes system calls (one thin wrapper each, in System.swift;
// Foundation's FileManager still makes and removes whole folders).
// Around the pipeline, one module per concern: BuildInputs reads the inputs and
// templates from disk, hashes them (swift-crypto) and reads a draft's clock;
// OutputFolder is an output folder's life (stage, swap, journal, manifest, verify);
// Preview rebuilds in memory for the live preview; PanelReportCLI is the commands,
// thin over them. Only `panel-report-preview` (swift-nio, loopback by default)
// touches the network.

let package = Package(
    name: "PanelReport",
    products: [
        .executable(name: "panel-report", targets: ["panel-report"]),
        .executable(name: "panel-report-preview", targets: ["panel-report-preview"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        // MARK: C libraries
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
        .systemLibrary(name: "CLibYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        // Not "CZlib": ZIPFoundation's own zlib module has that name, and two modules of one name clash.
        .systemLibrary(name: "CLibZ", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Debian's GLPK ships no pkg-config file: its header and library are in the default paths.
        .systemLibrary(name: "CGLPK", providers: [.apt(["libglpk-dev"])]),

        // MARK: The system
        // Every system call (and every Linux-only one: inotify, fdatasync, st_mtim), one
        // thin wrapper each, and the one directory walker; nothing else calls Glibc's file functions.
        .target(name: "Platform"),

        // MARK: Pipeline stages
        .target(name: "XMLWriter", dependencies: ["CLibXML2"]),
        .target(name: "CaseModel"),
        .target(name: "WorkbookReading", dependencies: ["CLibXML2", "CLibZ", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .target(name: "CaseLoading", dependencies: ["CaseModel", "CLibYAML", "WorkbookReading"]),
        .target(name: "CaseValidation", dependencies: ["CaseModel", "CaseLoading"]),
        .target(
            name: "CohortExport",
            dependencies: [
                "CaseModel", "CaseLoading", "CaseValidation", "XMLWriter", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]),
        .target(name: "CohortStatistics", dependencies: ["CaseModel"]),
        // One model of accessible tables (cover, contents, notes, a table a sheet) and a writer for each format.
        .target(name: "SpreadsheetWriting", dependencies: ["XMLWriter", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .target(name: "ChartLayout", dependencies: ["CaseModel", "CohortStatistics"]),
        // Which counts to withhold: the linear model of every published count and its integer programs (GLPK).
        .target(name: "DisclosureControl", dependencies: ["CaseModel", "CGLPK"]),
        .target(
            name: "ReportRendering",
            dependencies: [
                "XMLWriter", "CCmark", "CaseModel", "CaseLoading", "CohortStatistics", "ChartLayout", "DisclosureControl",
                "SpreadsheetWriting",
            ]),
        // MARK: The disk, the output folder and the preview
        // What a build reads from outside: the inputs folder (confined to itself), the
        // templates, their SHA-256 digests (swift-crypto) and a draft's clock.
        .target(
            name: "BuildInputs",
            dependencies: [
                "Platform", "CaseLoading", "ReportRendering", .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // An output folder's life: where a build may write, staging, the swap and its
        // recovery journal, the check for files panel-report did not write, syncing,
        // the marker, the lock, the manifest and verifying a folder against it.
        .target(
            name: "OutputFolder",
            dependencies: [
                "Platform", "BuildInputs", "ReportRendering", .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // The live preview: a session that rebuilds in memory, the folder watcher,
        // the handler of requests and the problems page; no web server (see below).
        .target(
            name: "Preview",
            dependencies: [
                "Platform", "BuildInputs", "CaseModel", "CaseLoading", "CaseValidation", "ReportRendering", "XMLWriter",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),

        // MARK: The command line
        // The commands, thin over the modules above. Every command is in PanelReportCLI;
        // `panel-report` is that alone. Preview's web server (swift-nio: its event loops, sockets and HTTP/1 parser) is in
        // `panel-report-preview` only, which `panel-report preview` starts in its place,
        // so that no other command carries networking code.
        .target(
            name: "PanelReportCLI",
            dependencies: [
                "CaseModel", "CaseLoading", "CaseValidation", "CohortStatistics", "ReportRendering", "CohortExport",
                "Platform", "BuildInputs", "OutputFolder", "Preview",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // scripts/report builds the release with `--static-swift-stdlib` (see docs/performance.md).
        .executableTarget(name: "panel-report", dependencies: ["PanelReportCLI"]),
        .executableTarget(
            name: "panel-report-preview",
            dependencies: [
                "PanelReportCLI", "Preview",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]),

        // MARK: Tests
        .testTarget(name: "XMLWriterTests", dependencies: ["XMLWriter"]),
        .testTarget(
            name: "SpreadsheetWritingTests",
            dependencies: ["SpreadsheetWriting", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(
            name: "CaseLoadingTests",
            dependencies: [
                "CaseModel", "CaseLoading", "CaseValidation", "CohortExport", "WorkbookReading",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ], exclude: ["Fixtures"]),
        .testTarget(
            name: "CohortStatisticsTests",
            dependencies: [
                "CaseModel", "CaseLoading", "CaseValidation", "CohortStatistics",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]),
        .testTarget(name: "DisclosureControlTests", dependencies: ["DisclosureControl", "CaseModel"]),
        .testTarget(name: "ChartLayoutTests", dependencies: ["ChartLayout", "CohortStatistics"]),
        .testTarget(
            name: "ReportRenderingTests",
            dependencies: [
                "ReportRendering", "XMLWriter", "ChartLayout", "CohortStatistics", "CaseModel", "CaseLoading", "CaseValidation",
                "CohortExport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ], exclude: ["Golden"]),
        .testTarget(
            name: "PanelReportCLITests",
            dependencies: [
                "PanelReportCLI", "Platform", "BuildInputs", "OutputFolder", "Preview", "panel-report", "panel-report-preview",
                "ReportRendering", .product(name: "Crypto", package: "swift-crypto"),
                // The preview server's connection handlers, tested on an EmbeddedChannel.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]),
    ]
)
