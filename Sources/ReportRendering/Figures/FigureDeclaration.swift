import CaseModel
import CohortStatistics

/// An analysis the report's authors declare in `Templates/figures/ID.yaml`: a
/// cross-tabulation of two coded fields, or how often features occur together.
/// Read by ``FigureDeclarationReader``; counted and drawn by ``DeclaredFigure``.
public struct FigureDeclaration: Sendable, Hashable {
    /// The file's name without `.yaml`: the id chapters place it by.
    public let id: String
    /// The file, as messages name it.
    public let file: String
    public let title: String
    /// The plural noun counted ("cases", "babies").
    public let unit: String
    /// The declaration's `filter:`: every counted case meets these conditions.
    public let filter: [CellDefinition.Condition]
    public let kind: Kind

    public enum Kind: Sendable, Hashable {
        case crosstab(Crosstab)
        case coOccurrence(CoOccurrence)
    }

    /// `kind: crosstab`.
    public struct Crosstab: Sendable, Hashable {
        public let rows: CaseSplit
        public let columns: CaseSplit
        /// The heading of the rows and of the columns ("Feature", "Outcome").
        public let rowsHeading: String
        public let columnsHeading: String
        /// `shares: by-row` or `by-column`.
        public let shares: Shares
        /// `chart: stacked` or `grouped`.
        public let chart: Chart

        public enum Shares: String, Sendable, Hashable, CaseIterable {
            case byRow = "by-row"
            case byColumn = "by-column"
        }

        public enum Chart: String, Sendable, Hashable, CaseIterable {
            case stacked, grouped
        }
    }

    /// `kind: co-occurrence`.
    public struct CoOccurrence: Sendable, Hashable {
        public let sets: [CaseGroup]
        /// Combinations of fewer cases than this are shown together as "other combinations".
        public let minimum: Int
    }
}
