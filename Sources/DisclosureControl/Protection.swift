/// Which cells of a ``LinearModel`` to withhold, and the proof that it is enough.
///
/// **Primary suppression.** Every cell from 1 to `threshold - 1` is withheld.
/// Zero is published: it says nobody has the feature.
///
/// **Protection.** A withheld cell is protected when the values it could take,
/// given every published cell and the model's relations (as a linear program
/// solves them, see ``RangeSolver``), are more than one, and reach `threshold`: an
/// attacker can neither name it nor tell that it is small.
///
/// **Secondary suppression** (after sdcTable's `SIMPLEHEURISTIC` and its `attack`
/// audit, Meindl 2023, and the protection intervals of Fischetti and Salazar-González, 2000):
/// while a withheld cell is not protected, the published cells that hold its
/// largest value down (a non-zero dual value in the linear relaxation of that
/// maximum) are tried, fewest classes first (the most detailed count before the
/// totals it is part of), and the first that protects it is withheld as well; if
/// none does alone, the first is withheld and the cell is tried again. Adding a
/// withheld cell only ever widens the others' ranges, so a protected cell stays
/// protected. The choice depends on the structure and the published values, never
/// on how small a candidate is, so which cell is withheld second does not tell its value.
public struct Protection: Sendable {
    public let threshold: Int
    /// The cells withheld because they are small (indices into the model's cells).
    public let primary: Set<Int>
    /// Every withheld cell.
    public let withheld: Set<Int>
    /// The range of values each withheld cell could take when it was last checked:
    /// withholding more afterwards may have widened it (``audit(model:withheld:)`` gives the final ones).
    public let ranges: [Int: Range]
    /// The withheld cells left unprotected (empty unless nothing more could be withheld).
    public var unprotected: [Int] { ranges.keys.filter { !ranges[$0]!.protects(threshold: threshold) }.sorted() }

    /// The whole numbers a withheld cell could be; `upper` is `nil` when nothing published bounds it.
    public struct Range: Hashable, Sendable, CustomStringConvertible {
        public var lower: Int
        public var upper: Int?

        /// Whether the range holds more than one value and reaches `threshold`.
        public func protects(threshold: Int) -> Bool {
            guard let upper else { return true }
            return upper > lower && upper >= threshold
        }

        public var description: String { upper.map { $0 == lower ? "exactly \(lower)" : "\(lower) to \($0)" } ?? "\(lower) or more" }
    }

    /// Withholds the small cells of `model` and, when `secondary`, enough others to protect them.
    public init(model: LinearModel, threshold: Int, secondary: Bool = true) {
        self.threshold = threshold
        let primary = Set(
            model.cells.indices.filter { model.cells[$0].known.published && (1..<max(1, threshold)).contains(model.cells[$0].value) })
        let solver = RangeSolvers(model: model, wholeModel: primary.contains { model.cells[$0].total != nil })
        for cell in primary.union(model.unpublished).sorted() { solver.setWithheld(cell, true) }
        var ranges: [Int: Range] = [:]
        var pending = primary
        var gaveUp: Set<Int> = []
        while let cell = pending.min() {
            pending.remove(cell)
            let range = Range(solver.range(of: cell))
            ranges[cell] = range
            guard secondary, !range.protects(threshold: threshold), !gaveUp.contains(cell) else { continue }
            guard let added = Self.secondary(for: cell, model: model, solver: solver, threshold: threshold) else {
                gaveUp.insert(cell)
                continue
            }
            pending.insert(cell)
            pending.insert(added)
        }
        self.primary = primary
        self.withheld = solver.withheld.subtracting(model.unpublished)
        self.ranges = ranges
    }

    /// Withholds one more cell for `cell`, and says which; `nil` when there is none to withhold.
    private static func secondary(for cell: Int, model: LinearModel, solver: RangeSolvers, threshold: Int) -> Int? {
        // A population's total (the cohort's size) is never withheld to protect another count.
        func eligible(_ c: Int) -> Bool {
            !solver.withheld.contains(c) && model.cells[c].value > 0 && model.cells[c].total == nil && model.cells[c].known.published
        }
        // The most detailed first.
        func cost(_ c: Int) -> (Int, Int) { (model.cells[c].classes.count, c) }
        var candidates = solver.binding(upperOf: cell).filter(eligible).sorted { cost($0) < cost($1) }
        if candidates.isEmpty {
            candidates = model.cells.indices.filter(eligible).sorted { cost($0) < cost($1) }
        }
        guard let first = candidates.first else { return nil }
        // The first few are tried: each try solves two programs.
        for candidate in candidates.prefix(Self.candidatesTried) {
            solver.setWithheld(candidate, true)
            if Range(solver.range(of: cell)).protects(threshold: threshold) { return candidate }
            solver.setWithheld(candidate, false)
        }
        solver.setWithheld(first, true)
        return first
    }

    /// How many candidates are tried for one cell before the first is taken anyway.
    static let candidatesTried = 6

    /// The range of every cell in `withheld`, with the rest published: the audit a
    /// build runs on what it is about to publish, with a solver of its own.
    public static func audit(model: LinearModel, withheld: Set<Int>) -> [Int: Range] {
        let solver = RangeSolvers(model: model, wholeModel: withheld.contains { model.cells[$0].total != nil })
        for cell in withheld.union(model.unpublished).sorted() { solver.setWithheld(cell, true) }
        var ranges: [Int: Range] = [:]
        for cell in withheld.sorted() { ranges[cell] = Range(solver.range(of: cell)) }
        return ranges
    }
}

extension Protection.Range {
    /// `nil`: a cell no program has (a count that is 0 whatever the cohort), which is never withheld.
    init(_ range: RangeSolver.Range?) { self.init(lower: range?.lower ?? 0, upper: range.map { $0.upper } ?? 0) }
}
