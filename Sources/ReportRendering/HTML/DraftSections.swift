import CaseModel
import CohortStatistics
import XMLWriter

/// What a reviewers' draft adds: the changes since a baseline, and an annex with
/// the cases behind every figure and the cohort's data-quality notes.
enum DraftSections {
    static func changes(_ draft: ReportPage.Draft, _ w: XMLWriter) throws {
        guard let baseline = draft.baseline else { return }
        try w.element("section", ["class": "changes", "aria-labelledby": "changes"]) {
            try w.element("h2", ["id": "changes"], text: "Changes since the baseline")
            if draft.changes.isEmpty {
                try w.element("p", text: "No number in the report has changed since \(baseline.name).")
                return
            }
            try w.element("p", text: "\(draft.changes.count) \(draft.changes.count == 1 ? "number has" : "numbers have") changed since \(baseline.name). In the text and the data tables, changed numbers are highlighted with their previous value.")
            try w.element("div", ["class": "table-frame"]) {
                try w.element("table", ["class": "data-table"]) {
                    try w.element("caption", text: "Numbers that changed")
                    try w.element("thead") {
                        try w.element("tr") {
                            try w.element("th", ["scope": "col"], text: "Value")
                            try w.element("th", ["scope": "col", "class": "numeric"], text: "Before")
                            try w.element("th", ["scope": "col", "class": "numeric"], text: "Now")
                        }
                    }
                    try w.element("tbody") {
                        for change in draft.changes {
                            try w.element("tr") {
                                try w.element("th", ["scope": "row"]) { try w.element("code", text: change.name) }
                                try w.element("td", ["class": "numeric"], text: change.previous)
                                try w.element("td", ["class": "numeric"], text: change.current)
                            }
                        }
                    }
                }
            }
        }
    }

    static func annex(_ draft: ReportPage.Draft, page: ReportPage, _ w: XMLWriter) throws {
        try w.element("section", ["class": "chapter reviewers-annex", "aria-labelledby": "reviewers-annex"]) {
            try w.element("h2", ["id": "reviewers-annex"], text: "Reviewers' annex")
            try w.element("p", text: "This annex is in the draft only. It names the cases behind every figure so that reviewers can check them against the case summaries.")
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
                for (label, ids) in [("Seriously harmed babies whose prognosis is not known", quality.unknownPrognosis),
                                     ("Babies for whom it is not known whether injuries happened more than once", quality.unknownOccasions),
                                     ("Cases tagged with no theme", quality.withoutThemes)] {
                    try w.element("li", text: "\(label): \(ids.isEmpty ? "none" : "\(ids.count) (\(ids.joined(separator: ", ")))").")
                }
                let unused = page.statistics.areas.unusedAreaCodes
                if !unused.isEmpty {
                    try w.element("li", text: "Areas declared in areas.yaml with no case (not counted): \(unused.joined(separator: ", ")).")
                }
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
        }
    }
}
