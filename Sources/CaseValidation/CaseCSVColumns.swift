/// The columns of `cases.csv`: the dotted paths of a case's fields, `learning` excepted.
public enum CaseCSVColumns {
    /// The canonical column order (any order is accepted when reading).
    public static let canonical: [String] = [
        "id", "area", "local_review",
        "child.sex", "child.ethnicity", "child.age_months", "child.premature", "child.feeding_difficulties", "child.weight_loss",
        "harm.outcome", "harm.injuries", "harm.occasions", "harm.prognosis",
        "male_carer.relationship", "male_carer.criminal_convictions", "male_carer.probation",
        "parents.current_domestic_abuse", "parents.historical_domestic_abuse", "parents.mental_health",
        "parents.care_leaver", "parents.under_22",
        "agency_involvement",
        "proceedings.criminal", "proceedings.murder_charge", "proceedings.findings_of_fact",
        "themes", "summary",
    ]

    /// Columns that may be left out of the header: their cells may all be empty anyway.
    public static let optional: Set<String> = ["harm.prognosis", "themes"]
}

/// The columns of `learning.csv` and of a workbook's `learning` sheet.
public enum LearningCSVColumns {
    /// The canonical column order (any order is accepted when reading).
    public static let canonical: [String] = ["case", "theme", "text", "publishable"]
    /// Columns that may be left out: an absent `publishable` is false.
    public static let optional: Set<String> = ["publishable"]
}
