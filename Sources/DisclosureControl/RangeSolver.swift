import CGLPK
import CaseModel

/// The linear program of a ``LinearModel`` with some cells withheld, solved with
/// GLPK's simplex: for a withheld cell, the smallest and largest value it could take
/// given every published cell's value.
///
/// Variables: the model's classes and each population's total, whole numbers ≥ 0.
/// Rows: each cell (its classes added up, or its population's total), fixed at its
/// value when published and within what is known of it when withheld (at least 1,
/// since zero is always published; see ``LinearModel/Known``); each component's classes minus its
/// population's total, fixed at 0; and each `larger - smaller ≥ 0`.
///
/// Not thread-safe: one solver is used by one task at a time.
final class RangeSolver {
    private let model: LinearModel
    private let problem: OpaquePointer
    private var objective: [Int32] = []
    /// The problem's row of each cell it has.
    private var rowOfCell: [Int: Int32] = [:]
    /// The problem's column of each class it has, and of each population's total.
    private var columnOfClass: [Int: Int32] = [:]
    private var totalColumns: [CellDefinition.Population: Int32] = [:]
    private(set) var withheld: Set<Int> = []

    /// The range of values a withheld cell could take; `upper` is `nil` when nothing published bounds it.
    struct Range: Hashable, Sendable {
        var lower: Int
        var upper: Int?
    }

    /// The whole model's program, or only one component's (its classes, its
    /// population's total and the cells they make up): while that total is
    /// published, a component's cells are bound by nothing outside it.
    init(model: LinearModel, component: Int? = nil) {
        self.model = model
        glp_term_out(GLP_OFF)
        let problem = glp_create_prob()!
        self.problem = problem
        let components = component.map { [model.components[$0]] } ?? model.components
        let populations = Array(Set(components.map(\.population))).sorted { $0.rawValue < $1.rawValue }
        var columns: Int32 = 0
        for component in components {
            for c in component.classes {
                columns += 1
                columnOfClass[c] = columns
            }
        }
        for population in populations {
            columns += 1
            totalColumns[population] = columns
        }
        glp_add_cols(problem, columns)
        for j in 0..<columns { glp_set_col_bnds(problem, j + 1, GLP_LO, 0, 0) }
        func addRow(_ indices: [Int32], _ values: [Double], _ kind: Int32, _ bound: Double) -> Int32 {
            let row = glp_add_rows(problem, 1)
            glp_set_mat_row(problem, row, Int32(indices.count), [0] + indices, [0] + values)
            glp_set_row_bnds(problem, row, kind, bound, bound)
            return row
        }
        for (index, cell) in model.cells.enumerated() {
            guard let columns = self.columns(of: index) else { continue }
            rowOfCell[index] = addRow(columns, Array(repeating: 1, count: columns.count), GLP_FX, Double(cell.value))
        }
        for component in components {
            for table in component.tables {
                _ = addRow(
                    table.map { columnOfClass[$0]! } + [totalColumns[component.population]!],
                    Array(repeating: 1, count: table.count) + [-1], GLP_FX, 0)
            }
            for link in component.links {
                _ = addRow(
                    link.first.map { columnOfClass[$0]! } + link.second.map { columnOfClass[$0]! },
                    Array(repeating: 1, count: link.first.count) + Array(repeating: -1, count: link.second.count), GLP_FX, 0)
            }
        }
        for pair in model.atLeast {
            guard let larger = self.columns(of: pair.larger), let smaller = self.columns(of: pair.smaller) else { continue }
            var terms: [Int32: Double] = [:]
            for column in larger { terms[column, default: 0] += 1 }
            for column in smaller { terms[column, default: 0] -= 1 }
            let columns = terms.keys.sorted().filter { terms[$0] != 0 }
            _ = addRow(columns, columns.map { terms[$0]! }, GLP_LO, 0)
        }
    }

    /// The columns a cell adds up in this problem; `nil` when it has none here.
    private func columns(of cell: Int) -> [Int32]? {
        let cell = model.cells[cell]
        if let total = cell.total { return totalColumns[total].map { [$0] } }
        guard let first = cell.classes.first, columnOfClass[first] != nil else { return nil }
        return cell.classes.map { columnOfClass[$0]! }
    }

    /// Whether the cell is one of this problem's rows.
    func has(_ cell: Int) -> Bool { rowOfCell[cell] != nil }

    deinit { glp_delete_prob(problem) }

    /// Withholds or publishes a cell.
    func setWithheld(_ cell: Int, _ isWithheld: Bool) {
        guard let row = rowOfCell[cell] else { return }
        if isWithheld {
            withheld.insert(cell)
            let known = model.cells[cell].known
            let lower = Double(known.lower)
            if let upper = known.upper.map(Double.init) {
                glp_set_row_bnds(problem, row, upper > lower ? GLP_DB : GLP_FX, lower, upper)
            } else {
                glp_set_row_bnds(problem, row, GLP_LO, lower, 0)
            }
        } else {
            withheld.remove(cell)
            let value = Double(model.cells[cell].value)
            glp_set_row_bnds(problem, row, GLP_FX, value, value)
        }
    }

    /// The whole-number range of a cell's value, given the published cells.
    func range(of cell: Int) -> Range {
        setObjective(cell)
        // The true counts always satisfy the model, so the minimum exists; should the
        // solver fail anyway, the cell is taken as pinned to its value, so that the
        // audit refuses the build (naming the cell) rather than pass what it could not check.
        guard let lower = solve(GLP_MIN) else { return Range(lower: model.cells[cell].value, upper: model.cells[cell].value) }
        return Range(lower: lower, upper: solve(GLP_MAX))
    }

    /// The published cells that hold `cell` down at its largest value in the linear
    /// relaxation (those with a dual value other than 0): withholding one of them may let it grow.
    func binding(upperOf cell: Int) -> [Int] {
        setObjective(cell)
        glp_set_obj_dir(problem, GLP_MAX)
        guard simplex() == GLP_OPT else { return [] }
        return rowOfCell.keys.sorted().filter { !withheld.contains($0) && abs(glp_get_row_dual(problem, rowOfCell[$0]!)) > 1e-9 }
    }

    private func setObjective(_ cell: Int) {
        for column in objective { glp_set_obj_coef(problem, column, 0) }
        objective = columns(of: cell) ?? []
        for column in objective { glp_set_obj_coef(problem, column, 1) }
    }

    /// The linear relaxation's status after solving it.
    private func simplex() -> Int32 {
        var parameters = glp_smcp()
        glp_init_smcp(&parameters)
        parameters.msg_lev = GLP_MSG_OFF
        if glp_simplex(problem, &parameters) != 0 {
            // A basis left unusable by the last change: start again from a fresh one.
            glp_adv_basis(problem, 0)
            guard glp_simplex(problem, &parameters) == 0 else { return GLP_UNDEF }
        }
        return glp_get_status(problem)
    }

    /// The optimum in direction `direction`, rounded to a whole number towards the
    /// inside of the range (the counts are whole); `nil` when unbounded.
    ///
    /// This is the linear relaxation, as tau-Argus's audit solves it: the integer
    /// program's optimum can only be the same or further inside. Its optimal vertex
    /// is usually whole (the matrix is 0s and 1s from tables and their margins), and
    /// then the two agree. GLPK's branch and bound was tried for the rest: on the
    /// reference cohort's themes (8,192 classes) it ran into its time limit on many
    /// cells and a build took minutes, so the attacker's test (scripts/attack, with
    /// scipy's exact integer solver) checks the reference, second and generated
    /// cohorts instead.
    private func solve(_ direction: Int32) -> Int? {
        glp_set_obj_dir(problem, direction)
        guard simplex() == GLP_OPT else { return nil }
        let value = glp_get_obj_val(problem)
        return Int(direction == GLP_MAX ? (value + 1e-6).rounded(.down) : (value - 1e-6).rounded(.up))
    }
}

/// A model's range solvers: one per component while every population's total is
/// published (most builds: each is small), or one for the whole model when a total
/// is withheld (a cohort smaller than the threshold), which ties the components together.
final class RangeSolvers {
    private let parts: [RangeSolver]
    private(set) var withheld: Set<Int> = []
    /// Whether one solver holds the whole model.
    let whole: Bool

    init(model: LinearModel, wholeModel: Bool) {
        whole = wholeModel || model.components.isEmpty
        parts = whole ? [RangeSolver(model: model)] : model.components.indices.map { RangeSolver(model: model, component: $0) }
    }

    func setWithheld(_ cell: Int, _ isWithheld: Bool) {
        if isWithheld { withheld.insert(cell) } else { withheld.remove(cell) }
        for part in parts where part.has(cell) { part.setWithheld(cell, isWithheld) }
    }

    /// The cell's range in the first program that has it (each gives a total's, when it is published, as its value).
    func range(of cell: Int) -> RangeSolver.Range? { parts.first { $0.has(cell) }?.range(of: cell) }

    func binding(upperOf cell: Int) -> [Int] { parts.first { $0.has(cell) }?.binding(upperOf: cell) ?? [] }
}
