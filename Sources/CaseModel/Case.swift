/// One structured case summary, validated: every field present and within the contract.
public struct Case: Hashable, Sendable {
    public var id: String
    public var area: String
    public var localReview: LocalReview
    public var child: Child
    public var harm: Harm
    public var maleCarer: MaleCarer
    public var parents: Parents
    public var agencyInvolvement: AgencyInvolvement
    public var proceedings: Proceedings
    /// Theme codes from the vocabulary, in the order the case lists them.
    public var themes: [String]
    /// Internal narrative; never printed in the published report.
    public var summary: String
    /// Learning points: from the case file, or from `learning.csv` / the workbook's
    /// `learning` sheet, in the order written.
    public var learning: [LearningPoint]

    public init(
        id: String, area: String, localReview: LocalReview, child: Child, harm: Harm,
        maleCarer: MaleCarer, parents: Parents, agencyInvolvement: AgencyInvolvement,
        proceedings: Proceedings, themes: [String], summary: String, learning: [LearningPoint]
    ) {
        self.id = id
        self.area = area
        self.localReview = localReview
        self.child = child
        self.harm = harm
        self.maleCarer = maleCarer
        self.parents = parents
        self.agencyInvolvement = agencyInvolvement
        self.proceedings = proceedings
        self.themes = themes
        self.summary = summary
        self.learning = learning
    }

    public struct Child: Hashable, Sendable {
        public var sex: Sex
        public var ethnicity: String
        /// Completed months at the time of the injury, 0–11.
        public var ageMonths: Int
        public var premature: Bool
        /// Colic, reflux or excessive crying recorded.
        public var feedingDifficulties: Bool
        public var weightLoss: Bool
        public init(sex: Sex, ethnicity: String, ageMonths: Int, premature: Bool, feedingDifficulties: Bool, weightLoss: Bool) {
            self.sex = sex
            self.ethnicity = ethnicity
            self.ageMonths = ageMonths
            self.premature = premature
            self.feedingDifficulties = feedingDifficulties
            self.weightLoss = weightLoss
        }
    }

    public struct Harm: Hashable, Sendable {
        public var outcome: Outcome
        /// Non-empty, no repeats, in the order the source lists them.
        public var injuries: [Injury]
        public var occasions: Occasions
        /// Present exactly when `outcome` is `.seriouslyHarmed`.
        public var prognosis: Prognosis?
        public init(outcome: Outcome, injuries: [Injury], occasions: Occasions, prognosis: Prognosis?) {
            self.outcome = outcome
            self.injuries = injuries
            self.occasions = occasions
            self.prognosis = prognosis
        }
    }

    public struct MaleCarer: Hashable, Sendable {
        public var relationship: Relationship
        public var criminalConvictions: Bool
        public var probation: Probation
        public init(relationship: Relationship, criminalConvictions: Bool, probation: Probation) {
            self.relationship = relationship
            self.criminalConvictions = criminalConvictions
            self.probation = probation
        }
    }

    /// Features of either or both parents.
    public struct Parents: Hashable, Sendable {
        public var currentDomesticAbuse: Bool
        public var historicalDomesticAbuse: Bool
        public var mentalHealth: Bool
        public var careLeaver: Bool
        public var under22: Bool
        public init(currentDomesticAbuse: Bool, historicalDomesticAbuse: Bool, mentalHealth: Bool, careLeaver: Bool, under22: Bool) {
            self.currentDomesticAbuse = currentDomesticAbuse
            self.historicalDomesticAbuse = historicalDomesticAbuse
            self.mentalHealth = mentalHealth
            self.careLeaver = careLeaver
            self.under22 = under22
        }
    }

    public struct Proceedings: Hashable, Sendable {
        public var criminal: CriminalProceedings
        public var murderCharge: MurderCharge
        public var findingsOfFact: FindingsOfFact
        public init(criminal: CriminalProceedings, murderCharge: MurderCharge, findingsOfFact: FindingsOfFact) {
            self.criminal = criminal
            self.murderCharge = murderCharge
            self.findingsOfFact = findingsOfFact
        }
    }
}

/// A learning point recorded against a case.
public struct LearningPoint: Hashable, Sendable {
    /// A theme code declared in the vocabulary (not necessarily one of the case's themes).
    public var theme: String
    public var text: String
    /// Only publishable points may appear in the published report. Defaults to false.
    public var publishable: Bool
    public init(theme: String, text: String, publishable: Bool) {
        self.theme = theme
        self.text = text
        self.publishable = publishable
    }
}
