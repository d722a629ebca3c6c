import PanelReportCLI

// `panel-report`: every command; `preview` starts `panel-report-preview`, beside this program.
PanelReport.main()
