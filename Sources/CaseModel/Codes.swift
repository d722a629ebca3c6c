/// A closed set of codes from the case-summary contract.
///
/// Every code enum spells its cases exactly as the contract writes them (its raw
/// value), lists them in the contract's order (which is the order the report uses),
/// and carries a short human label for charts and tables.
public protocol ContractCode: CaseIterable, Hashable, Sendable, Comparable, RawRepresentable where RawValue == String {
    /// The label a reader sees ("Seriously harmed"), never the raw code.
    var label: String { get }
}

extension ContractCode {
    /// Codes sort in the contract's order, not alphabetically.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        let all = Array(allCases)
        return all.firstIndex(of: lhs)! < all.firstIndex(of: rhs)!
    }

    /// The valid raw values, comma-separated, for diagnostics ("died, seriously-harmed").
    public static var validValues: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

public enum AreaType: String, ContractCode {
    case county, unitary, metropolitan
    case londonBorough = "london-borough"
    public var label: String {
        switch self {
        case .county: "County"
        case .unitary: "Unitary"
        case .metropolitan: "Metropolitan"
        case .londonBorough: "London borough"
        }
    }
}

public enum Region: String, ContractCode {
    case northEast = "north-east"
    case northWest = "north-west"
    case yorkshireAndTheHumber = "yorkshire-and-the-humber"
    case eastMidlands = "east-midlands"
    case westMidlands = "west-midlands"
    case eastOfEngland = "east-of-england"
    case london
    case southEast = "south-east"
    case southWest = "south-west"
    public var label: String {
        switch self {
        case .northEast: "North East"
        case .northWest: "North West"
        case .yorkshireAndTheHumber: "Yorkshire and the Humber"
        case .eastMidlands: "East Midlands"
        case .westMidlands: "West Midlands"
        case .eastOfEngland: "East of England"
        case .london: "London"
        case .southEast: "South East"
        case .southWest: "South West"
        }
    }
}

/// Whether a serious case review or local child safeguarding practice review was undertaken.
public enum LocalReview: String, ContractCode {
    case none, scr, lcspr
    public var label: String {
        switch self {
        case .none: "No local review"
        case .scr: "Serious case review"
        case .lcspr: "Local child safeguarding practice review"
        }
    }
}

public enum Sex: String, ContractCode {
    case male, female
    public var label: String { self == .male ? "Male" : "Female" }
}

public enum Outcome: String, ContractCode {
    case died
    case seriouslyHarmed = "seriously-harmed"
    public var label: String { self == .died ? "Died" : "Seriously harmed" }
}

public enum Injury: String, ContractCode {
    case headInjury = "head-injury"
    case fracture
    case bruising
    case rupturedFrenulum = "ruptured-frenulum"
    public var label: String {
        switch self {
        case .headInjury: "Head injury"
        case .fracture: "Fractures"
        case .bruising: "Bruising"
        case .rupturedFrenulum: "Ruptured frenulum"
        }
    }
}

/// Whether the injuries happened on one occasion, more than one, or it is not known.
public enum Occasions: String, ContractCode {
    case single, repeated, unknown
    public var label: String {
        switch self {
        case .single: "One-off incident"
        case .repeated: "More than one occasion"
        case .unknown: "Not known"
        }
    }
}

public enum Prognosis: String, ContractCode {
    case impairmentLikely = "impairment-likely"
    case impairmentUnlikely = "impairment-unlikely"
    case unknown
    public var label: String {
        switch self {
        case .impairmentLikely: "Long-term impairment likely"
        case .impairmentUnlikely: "Long-term impairment unlikely"
        case .unknown: "Not known"
        }
    }
}

public enum Relationship: String, ContractCode {
    case birthFather = "birth-father"
    case mothersPartner = "mothers-partner"
    public var label: String { self == .birthFather ? "Birth father" : "Mother's partner" }
}

public enum Probation: String, ContractCode {
    case none, current, previous
    public var label: String {
        switch self {
        case .none: "Not known to probation"
        case .current: "Open to probation"
        case .previous: "Previously known to probation"
        }
    }
}

/// The highest level of agency involvement at the time of the injury.
public enum AgencyInvolvement: String, ContractCode {
    case universal
    case earlyHelp = "early-help"
    case childInNeed = "child-in-need"
    case childProtection = "child-protection"
    public var label: String {
        switch self {
        case .universal: "Universal services only"
        case .earlyHelp: "Early help"
        case .childInNeed: "Child in need plan"
        case .childProtection: "Child protection plan"
        }
    }
}

public enum CriminalProceedings: String, ContractCode {
    case fatherConvicted = "father-convicted"
    case motherConvicted = "mother-convicted"
    case bothConvicted = "both-convicted"
    case trialOngoing = "trial-ongoing"
    case awaitingDecision = "awaiting-decision"
    case noCharges = "no-charges"
    public var label: String {
        switch self {
        case .fatherConvicted: "Father convicted"
        case .motherConvicted: "Mother convicted"
        case .bothConvicted: "Both parents convicted"
        case .trialOngoing: "Trial ongoing"
        case .awaitingDecision: "Awaiting a charging decision"
        case .noCharges: "No charges brought"
        }
    }
}

/// Who was charged with murder (only possible when the baby died).
public enum MurderCharge: String, ContractCode {
    case none, father, mother
    case bothParents = "both-parents"
    public var label: String {
        switch self {
        case .none: "No murder charge"
        case .father: "Father"
        case .mother: "Mother"
        case .bothParents: "Both parents"
        }
    }
}

/// Against whom care proceedings made findings of fact.
public enum FindingsOfFact: String, ContractCode {
    case none, father, mother
    case bothParents = "both-parents"
    public var label: String {
        switch self {
        case .none: "No findings of fact"
        case .father: "Against the father"
        case .mother: "Against the mother"
        case .bothParents: "Against both parents"
        }
    }
}
