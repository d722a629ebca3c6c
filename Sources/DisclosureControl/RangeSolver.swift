import CGLPK
import CaseModel

/// The integer program of a ``LinearModel`` with some cells withheld, solved with
/// GLPK: for a withheld cell, the smallest and largest value it could take given
/// every published cell's value.
///
/// Variables: the model's classes and each population's total, whole numbers ≥ 0.
/// Rows: each cell (its classes added up, or its population's total), fixed at its
/// value when published and at least 1 when withheld (zero is always published, so
/// a withheld count is known not to be 0); each component's classes minus its
/// population's total, fixed at 0; and each `larger - smaller ≥ 0`.
///
/// Not thread-safe: one solver is used by one task at a time.
final class RangeSolver {
    private let model: LinearModel
    private let problem: OpaquePointer
    private var objective: [Int32] = []
    private(set) var withheld: Set<Int> = []

    /// The range of values a withheld cell could take; `upper` is `nil` when nothing published bounds it.
    struct Range: Hashable, Sendable {
        var lower: Int
        var upper: Int?
    }

    init(model: LinearModel) {
        self.model = model
        glp_term_out(GLP_OFF)
        let problem = glp_create_prob()!
        self.problem = problem
        let populations = Array(Set(model.components.map(\.population))).sorted { $0.rawValue < $1.rawValue }
        let columns = model.classCount + populations.count
        glp_add_cols(problem, Int32(columns))
        for j in 1...max(columns, 1) where j <= columns {
            glp_set_col_bnds(problem, Int32(j), GLP_LO, 0, 0)
            glp_set_col_kind(problem, Int32(j), GLP_IV)
        }
        func totalColumn(_ population: CellDefinition.Population) -> Int32 {
            Int32(model.classCount + 1 + populations.firstIndex(of: population)!)
        }
        totalColumns = Dictionary(uniqueKeysWithValues: populations.map { ($0, totalColumn($0)) })
        func addRow(_ indices: [Int32], _ values: [Double], _ kind: Int32, _ bound: Double) {
            let row = glp_add_rows(problem, 1)
            let ind = [0] + indices
            let val = [0] + values
            glp_set_mat_row(problem, row, Int32(indices.count), ind, val)
            glp_set_row_bnds(problem, row, kind, bound, bound)
        }
        for cell in model.cells {
            let indices = cell.total.map { [totalColumn($0)] } ?? cell.classes.map { Int32($0 + 1) }
            addRow(indices, Array(repeating: 1, count: indices.count), GLP_FX, Double(cell.value))
        }
        for component in model.components {
            addRow(
                component.classes.map { Int32($0 + 1) } + [totalColumn(component.population)],
                Array(repeating: 1, count: component.classes.count) + [-1], GLP_FX, 0)
        }
        for pair in model.atLeast {
            var terms: [Int32: Double] = [:]
            for (cell, sign) in [(pair.larger, 1.0), (pair.smaller, -1.0)] {
                let cell = model.cells[cell]
                for column in cell.total.map({ [totalColumn($0)] }) ?? cell.classes.map({ Int32($0 + 1) }) {
                    terms[column, default: 0] += sign
                }
            }
            let columns = terms.keys.sorted().filter { terms[$0] != 0 }
            addRow(columns, columns.map { terms[$0]! }, GLP_LO, 0)
        }
    }

    private let totalColumns: [CellDefinition.Population: Int32]

    deinit { glp_delete_prob(problem) }

    /// Withholds or publishes a cell.
    func setWithheld(_ cell: Int, _ isWithheld: Bool) {
        let row = Int32(cell + 1)
        if isWithheld {
            withheld.insert(cell)
            glp_set_row_bnds(problem, row, GLP_LO, 1, 0)
        } else {
            withheld.remove(cell)
            let value = Double(model.cells[cell].value)
            glp_set_row_bnds(problem, row, GLP_FX, value, value)
        }
    }

    /// The whole-number range of a cell's value, given the published cells.
    func range(of cell: Int) -> Range {
        setObjective(cell)
        guard let lower = solve(GLP_MIN) else { return Range(lower: model.cells[cell].value, upper: model.cells[cell].value) }
        return Range(lower: lower, upper: solve(GLP_MAX))
    }

    /// The published cells that hold `cell` down at its largest value in the linear
    /// relaxation (those with a dual value other than 0): withholding one of them may let it grow.
    func binding(upperOf cell: Int) -> [Int] {
        setObjective(cell)
        glp_set_obj_dir(problem, GLP_MAX)
        guard simplex() == GLP_OPT else { return [] }
        return model.cells.indices.filter { !withheld.contains($0) && abs(glp_get_row_dual(problem, Int32($0 + 1))) > 1e-9 }
    }

    /// The largest value of a cell in the linear relaxation (`nil`: unbounded).
    func relaxedUpper(of cell: Int) -> Double? {
        setObjective(cell)
        glp_set_obj_dir(problem, GLP_MAX)
        let status = simplex()
        return status == GLP_OPT ? glp_get_obj_val(problem) : nil
    }

    private func setObjective(_ cell: Int) {
        for column in objective { glp_set_obj_coef(problem, column, 0) }
        let c = model.cells[cell]
        objective = c.total.map { [totalColumns[$0]!] } ?? c.classes.map { Int32($0 + 1) }
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

    /// The optimum of the integer program in direction `direction`; `nil` when unbounded (or infeasible).
    private func solve(_ direction: Int32) -> Int? {
        glp_set_obj_dir(problem, direction)
        guard simplex() == GLP_OPT else { return nil }
        var parameters = glp_iocp()
        glp_init_iocp(&parameters)
        parameters.msg_lev = GLP_MSG_OFF
        parameters.presolve = GLP_OFF
        guard glp_intopt(problem, &parameters) == 0, glp_mip_status(problem) == GLP_OPT else { return nil }
        return Int(glp_mip_obj_val(problem).rounded())
    }
}
