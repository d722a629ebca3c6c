import PanelReportCLI

// `panel-report-preview`: the whole panel-report command line with a web server,
// for `panel-report preview`, which starts this program in its place. The server
// lives here alone so that every other command starts without a networking stack.
PanelReport.main(previewTransport: NIOTransport.self)
