import CaseModel
import CohortStatistics
import XMLWriter

/// What a reviewers' draft adds: the changes since a baseline, and an annex with
/// the cases behind every figure and the cohort's data-quality notes.
enum DraftSections {
    /// "Changes since the draft of DATE": cases added, removed and changed (from an
    /// earlier draft), then the numbers whose count changed, in the report's order.
    /// `frame`: the frame of the table of changed counts, as the page's style rules have it.
    static func changes(_ draft: ReportPage.Draft, frame: TableFrame?, _ w: XMLWriter) throws {
        guard let baseline = draft.baseline, let changes = draft.changes else { return }
        try w.element("section", ["class": "changes", "aria-labelledby": "changes"]) {
            try w.element("h2", ["id": "changes"], text: "Changes since \(baseline.description)")
            if case .draft(_, _?) = baseline.kind {
                try w.element("p", text: Self.digestNote)
            }
            if changes.isEmpty {
                try w.element("p", text: "Nothing has changed since \(baseline.description).")
                return
            }
            if let added = changes.added, let removed = changes.removed, let changed = changes.changed {
                try w.element("h3", text: "Cases")
                if added.isEmpty && removed.isEmpty && changed.isEmpty {
                    try w.element("p", text: "No case was added, removed or changed.")
                }
                try w.element("ul", ["class": "case-changes"]) {
                    for id in added { try w.element("li", text: "\(id) added") }
                    for id in removed { try w.element("li", text: "\(id) removed") }
                    for c in changed {
                        try w.element("li") {
                            try w.text("\(c.id) changed:")
                            try w.element("ul") {
                                for field in c.fields { try w.element("li") { try fieldChange(field, w) } }
                            }
                        }
                    }
                }
            }
            try w.element("h3", text: "Numbers")
            let moved = changes.sharesMovedByTotal
            if changes.numbers.isEmpty {
                try w.element("p", text: "No count has changed.")
            } else {
                try w.element(
                    "p",
                    text:
                        "\(changes.numbers.count) \(changes.numbers.count == 1 ? "count has" : "counts have") changed. In the text and "
                        + "the data tables, changed numbers are highlighted with their previous value."
                )
                let frame = frame ?? changesFrame(changes)
                try frame.write(w) {
                    try w.element("table", ["class": "data-table"]) {
                        try w.element("caption", text: "Counts that changed, in the order of the report")
                        try w.element("thead") {
                            try w.element("tr") {
                                try w.element("th", ["scope": "col"], text: frame.header[0].text)
                                for cell in frame.header.dropFirst() {
                                    try w.element("th", ["scope": "col", "class": "numeric"], text: cell.text)
                                }
                            }
                        }
                        try w.element("tbody") {
                            for row in frame.rows {
                                try w.element("tr") {
                                    try w.element("th", ["scope": "row"], text: row[0].text)
                                    for cell in row.dropFirst() { try w.element("td", ["class": "numeric"], text: cell.text) }
                                }
                            }
                        }
                    }
                }
            }
            if moved > 0 {
                try w.element(
                    "p",
                    text:
                        "\(moved) other \(moved == 1 ? "share moved" : "shares moved") only because the total "
                        + "\(moved == 1 ? "it is" : "they are") a share of changed; "
                        + "\(moved == 1 ? "its count is" : "their counts are") the same."
                )
            }
        }
    }

    /// What an inputs digest is, wherever a draft prints one.
    static let digestNote =
        "The inputs digest is a short fingerprint of the case summaries and templates a draft was built from: two drafts "
        + "with the same digest were built from the same files, and any change to them gives another."

    /// One changed field, by the report's name for it: words deleted and inserted
    /// marked in the text, items added to and removed from a list, or the value before
    /// and now. `<del>` and `<ins>` are struck through and underlined, readable without colour.
    private static func fieldChange(_ field: DraftChanges.FieldChange, _ w: XMLWriter) throws {
        try w.text("\(field.title): ")
        switch field.change {
        case .value(let before, let now):
            try w.element("del", text: before)
            try w.text(" → ")
            try w.element("ins", text: now)
        case .list(let added, let removed):
            var first = true
            for (items, verb, tag) in [(added, "added", "ins"), (removed, "removed", "del")] where !items.isEmpty {
                if !first { try w.text("; ") }
                first = false
                try w.text("\(verb) ")
                for (index, item) in items.enumerated() {
                    if index > 0 { try w.text(", ") }
                    try w.element(tag, text: item)
                }
            }
        case .text(let runs):
            for (index, run) in runs.enumerated() {
                if index > 0 { try w.text(" ") }
                switch run.kind {
                case .kept: try w.text(run.text)
                case .deleted: try w.element("del", text: run.text)
                case .inserted: try w.element("ins", text: run.text)
                }
            }
        }
    }

    /// The table of changed counts, as cells (see ``TableFrame``).
    static func changesFrame(_ changes: DraftChanges) -> TableFrame {
        TableFrame(
            id: "changes", label: "Counts that changed",
            header: ["What is counted", "Before", "Now"].map { TableFrame.Cell(text: $0, bold: true) },
            rows: changes.numbers.map {
                [TableFrame.Cell(text: $0.title, bold: true), TableFrame.Cell(text: $0.before), TableFrame.Cell(text: $0.now)]
            })
    }

    /// Every count the published report withholds, its true value and the values a
    /// reader of the published report could work out for it (the build's audit).
    static func withheld(_ draft: ReportPage.Draft, _ w: XMLWriter) throws {
        try w.element("h3", ["id": "reviewers-withheld"], text: "Counts the published report withholds")
        try w.element(
            "p",
            text:
                "From everything the published report shows, a reader could work out only that each of these counts lies in the range given. "
                + "\"Small\" counts are withheld for being small; the others are withheld so that the small ones cannot be worked out.")
        for problem in draft.disclosureProblems {
            try w.element("p", ["class": "problem"], text: "The published report cannot be built: \(problem).")
        }
        try w.element("table", ["class": "withheld-counts"]) {
            try w.element("caption", text: "Withheld counts")
            try w.element("thead") {
                try w.element("tr") {
                    for heading in ["What is counted", "True value", "Why withheld", "A reader could work out"] {
                        try w.element("th", ["scope": "col"], text: heading)
                    }
                }
            }
            try w.element("tbody") {
                for count in draft.withheld {
                    try w.element("tr") {
                        try w.element("th", ["scope": "row"], text: count.title)
                        try w.element("td", text: String(count.value))
                        try w.element("td", text: count.small ? "Small" : "To protect others")
                        try w.element("td", text: count.range ?? "not a count of cases or areas")
                    }
                }
            }
        }
    }

    static func annex(_ draft: ReportPage.Draft, page: ReportPage, _ w: XMLWriter) throws {
        try w.element("section", ["class": "chapter reviewers-annex", "aria-labelledby": "reviewers-annex"]) {
            try w.element("h2", ["id": "reviewers-annex"], text: "Reviewers' annex")
            try w.element(
                "p",
                text:
                    "This annex is in the draft only. It names the cases behind every figure so that reviewers can check them against the case summaries."
            )
            try w.element("h3", ["id": "reviewers-cases-by-figure"], text: "Cases behind each figure")
            for figure in page.figures where !figure.caseIDs.isEmpty {
                try w.element("h4", text: "Figure \(figure.number): \(figure.title)")
                try w.element("dl", ["class": "case-list"]) {
                    for entry in figure.caseIDs {
                        try w.element("dt", text: "\(entry.category) (\(entry.ids.count))")
                        try w.element("dd", text: entry.ids.isEmpty ? "none" : entry.ids.joined(separator: ", "))
                    }
                }
            }
            let quality = page.statistics.dataQuality
            try w.element("h3", ["id": "reviewers-data-quality"], text: "Data-quality notes")
            try w.element("ul") {
                for (label, ids) in [
                    ("Seriously harmed babies whose prognosis is not known", quality.unknownPrognosis),
                    ("Babies for whom it is not known whether injuries happened more than once", quality.unknownOccasions),
                    ("Cases tagged with no theme", quality.withoutThemes),
                ] {
                    try w.element("li", text: "\(label): \(ids.isEmpty ? "none" : "\(ids.count) (\(ids.joined(separator: ", ")))").")
                }
                let unused = page.statistics.areas.unusedAreaCodes
                if !unused.isEmpty {
                    try w.element("li", text: "Areas declared in areas.yaml with no case (not counted): \(unused.joined(separator: ", ")).")
                }
            }
            if !draft.withheld.isEmpty || !draft.disclosureProblems.isEmpty {
                try withheld(draft, w)
            }
            try w.element("h3", ["id": "reviewers-unpublished-learning"], text: "Learning points not marked for publication")
            let unpublished = page.statistics.themes.unpublishedLearning
            if unpublished.isEmpty {
                try w.element("p", text: "Every learning point is marked publishable.")
            } else {
                for group in unpublished {
                    try w.element("h4", text: group.title)
                    try w.element("ul", ["class": "unpublished"]) {
                        for point in group.points { try w.element("li", text: "Not for publication: \(point.text) (\(point.caseID))") }
                    }
                }
            }
            try ReportHTMLWriter.backToContents(w)
        }
    }
}
