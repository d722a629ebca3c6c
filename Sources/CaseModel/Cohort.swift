/// The review itself: what `review.yaml` holds.
public struct Review: Hashable, Sendable {
    public var title: String
    public var subtitle: String?
    public var publisher: String
    /// The publication date as written (ISO `YYYY-MM-DD`).
    public var published: ISODate
    /// The notification period considered (`YYYY-MM` to `YYYY-MM`).
    public var period: MonthRange
    public var initialShortlist: Int
    public var regionsTotal: Int
    public var familyContributions: Int
    /// `disclosure: {suppress_below: N}`: counts from 1 to N-1 are published as `[c]`
    /// (nil: nothing is withheld). `build --suppress-below` takes precedence.
    public var suppressBelow: Int?
    /// `contact`: an email address readers of the published tables can write to
    /// (the spreadsheets' cover sheet gives it; nil: the cover gives none).
    public var contact: String?
    /// The thresholds disclosure control accepts: below 2 nothing would be withheld,
    /// and above 100 nearly every count of a review would be.
    public static let suppressBelowRange = 2...100
    public init(
        title: String, subtitle: String?, publisher: String, published: ISODate, period: MonthRange,
        initialShortlist: Int, regionsTotal: Int, familyContributions: Int, suppressBelow: Int? = nil, contact: String? = nil
    ) {
        self.suppressBelow = suppressBelow
        self.contact = contact
        self.title = title
        self.subtitle = subtitle
        self.publisher = publisher
        self.published = published
        self.period = period
        self.initialShortlist = initialShortlist
        self.regionsTotal = regionsTotal
        self.familyContributions = familyContributions
    }
}

/// A calendar date without a time zone, as written in the inputs.
public struct ISODate: Hashable, Sendable, Comparable {
    public var year: Int
    public var month: Int
    public var day: Int
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }
    public static func < (a: ISODate, b: ISODate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }
}

/// A year and month (`2018-06`).
public struct YearMonth: Hashable, Sendable, Comparable {
    public var year: Int
    public var month: Int
    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }
    public static func < (a: YearMonth, b: YearMonth) -> Bool { (a.year, a.month) < (b.year, b.month) }
}

public struct MonthRange: Hashable, Sendable {
    public var from: YearMonth
    public var to: YearMonth
    public init(from: YearMonth, to: YearMonth) {
        self.from = from
        self.to = to
    }
}

/// A local safeguarding partnership area taking part.
public struct Area: Hashable, Sendable {
    public var code: String
    public var type: AreaType
    public var region: Region
    public var familyNursePartnership: Bool
    public var practitioners: Int
    public var strategicPartners: Int
    public init(code: String, type: AreaType, region: Region, familyNursePartnership: Bool, practitioners: Int, strategicPartners: Int) {
        self.code = code
        self.type = type
        self.region = region
        self.familyNursePartnership = familyNursePartnership
        self.practitioners = practitioners
        self.strategicPartners = strategicPartners
    }
}

/// A theme a case may be tagged with.
public struct Theme: Hashable, Sendable {
    public var code: String
    public var title: String
    public init(code: String, title: String) {
        self.code = code
        self.title = title
    }
}

/// The labels cases may use, in the order `vocabulary.yaml` declares them.
public struct Vocabulary: Hashable, Sendable {
    public var ethnicities: [String]
    public var themes: [Theme]
    /// Words that keep their capital letter in the middle of a sentence (`proper_names`:
    /// "Sure Start"): a label that starts with one is written as it is in a list
    /// within a sentence, where other labels start in lower case.
    public var properNames: [String]
    public init(ethnicities: [String], themes: [Theme], properNames: [String] = []) {
        self.ethnicities = ethnicities
        self.themes = themes
        self.properNames = properNames
    }
}

/// A validated cohort: everything the later stages may rely on.
///
/// Cases are in a stable order (by source file name, or CSV row), so that every
/// output derived from a cohort is deterministic.
public struct Cohort: Hashable, Sendable {
    public var review: Review
    /// Every area declared in `areas.yaml`, in file order (including areas no case refers to).
    public var areas: [Area]
    public var vocabulary: Vocabulary
    public var cases: [Case]
    /// Whether the source could record learning points at all: `false` for a
    /// spreadsheet cohort without `learning.csv` (or a workbook without a `learning`
    /// sheet), so that the report says none are recorded rather than that none were
    /// marked for publication.
    public var learningRecorded: Bool
    public init(review: Review, areas: [Area], vocabulary: Vocabulary, cases: [Case], learningRecorded: Bool = true) {
        self.review = review
        self.areas = areas
        self.vocabulary = vocabulary
        self.cases = cases
        self.learningRecorded = learningRecorded
    }
}
