import Foundation
import Testing

@testable import ChartLayout

@Suite("Pie layout and labels")
struct PieTests {
    @Test("Slices start at 12 o'clock, run clockwise largest first, and sum to 2π")
    func angles() {
        let slices = PieLayout.slices([4, 19])
        #expect(slices.map(\.index) == [1, 0])
        #expect(slices[0].startAngle == -Double.pi / 2)
        #expect(abs(slices[0].endAngle - (-Double.pi / 2 + 2 * Double.pi * 19 / 23)) < 1e-12)
        #expect(slices[1].startAngle == slices[0].endAngle)
        #expect(abs(slices[1].endAngle - 3 * Double.pi / 2) < 1e-12)
        #expect(abs(slices.map(\.sweep).reduce(0, +) - 2 * Double.pi) < 1e-12)
        // Clockwise on screen (y down): a half-turn slice from 12 o'clock has its middle at
        // 3 o'clock, (cos, sin) = (1, 0), and ends at 6 o'clock.
        let half = PieLayout.slices([1, 1, 2])[0]
        #expect(half.index == 2)
        #expect(abs(cos(half.midAngle) - 1) < 1e-12 && abs(sin(half.midAngle)) < 1e-12)
        #expect(abs(half.endAngle - Double.pi / 2) < 1e-12)
        // Three quarters end at 9 o'clock.
        #expect(abs(PieLayout.slices([1, 3])[0].endAngle - Double.pi) < 1e-12)
    }

    @Test("Ties keep their input order; zero parts get zero sweep")
    func ties() {
        #expect(PieLayout.drawingOrder([2, 3, 3, 1]) == [1, 2, 0, 3])
        #expect(PieLayout.drawingOrder([1, 1, 1]) == [0, 1, 2])
        let withZero = PieLayout.slices([0, 5])
        #expect(withZero.map(\.index) == [1, 0])
        #expect(withZero[1].sweep == 0)
        #expect(abs(withZero[0].sweep - 2 * Double.pi) < 1e-12)
    }

    @Test("A quarter slice's path and bounds")
    func sectorPath() {
        let slice = PieSlice(index: 0, value: 1, startAngle: -Double.pi / 2, endAngle: 0)
        let path = ScenePath(
            commands: PieChartLayout.sectorCommands(slice, centre: ScenePoint(x: 100, y: 100), radius: 50),
            fill: "#12436D", stroke: nil, strokeWidth: 0, role: .slice)
        #expect(path.d == "M100,100L100,50A50,50,0,0,1,150,100Z")
        #expect(SceneGeometry.bounds(of: .path(path)) == SceneBox(minX: 100, minY: 50, maxX: 150, maxY: 100))
        // Three quarters clockwise from 12 o'clock reaches 3, 6 and 9 o'clock.
        let big = PieSlice(index: 0, value: 3, startAngle: -Double.pi / 2, endAngle: Double.pi)
        let bigPath = ScenePath(
            commands: PieChartLayout.sectorCommands(big, centre: ScenePoint(x: 100, y: 100), radius: 50),
            fill: "#12436D", stroke: nil, strokeWidth: 0, role: .slice)
        #expect(bigPath.d == "M100,100L100,50A50,50,0,1,1,50,100Z")
        #expect(SceneGeometry.bounds(of: .path(bigPath)) == SceneBox(minX: 50, minY: 50, maxX: 150, maxY: 150))
    }

    @Test("Stacking centres an overlapping cluster on its members' wishes")
    func stacking() {
        #expect(PieLabelPlacer.stack(heights: [10, 10, 10], idealCentres: [0, 0, 0], gap: 0) == [-15, -5, 5])
        #expect(PieLabelPlacer.stack(heights: [10, 10], idealCentres: [0, 100], gap: 0) == [-5, 95])
        #expect(PieLabelPlacer.stack(heights: [10, 10], idealCentres: [0, 4], gap: 2) == [-9, 3])
    }

    static let awkward: [[Int]] = [[22, 1], [19, 1, 1, 1, 1], [1, 1, 1, 1, 1], [96, 1, 1, 1, 1], [50, 49, 1], [1, 0, 0, 0, 0]]

    @Test(
        "Labels never overlap each other, and inside labels stay inside the pie",
        arguments: PieTests.awkward)
    func labelsDoNotOverlap(values: [Int]) {
        let slices = PieLayout.slices(values)
        let total = values.reduce(0, +)
        let centre = ScenePoint(x: 320, y: 300)
        let placements = PieLabelPlacer.place(
            slices: slices, names: slices.map { "Category number \($0.index + 1)" },
            values: slices.map { ChartShare.label($0.value, of: total) }, centre: centre, radius: 120, width: 640)
        #expect(placements.count == values.count)
        for (i, a) in placements.enumerated() {
            for b in placements[(i + 1)...] { #expect(!a.box.overlaps(b.box)) }
            if a.inside {
                for (x, y) in [(a.box.minX, a.box.minY), (a.box.maxX, a.box.minY), (a.box.minX, a.box.maxY), (a.box.maxX, a.box.maxY)] {
                    #expect(hypot(x - centre.x, y - centre.y) <= 120)
                }
            } else {
                #expect(a.box.minX >= 320 + 120 || a.box.maxX <= 320 - 120)
                #expect(a.leader.count == 3)
            }
        }
    }

    @Test("Two parts 22/1: the big one is labelled inside, the thin one outside with a leader")
    func twentyTwoToOne() {
        let slices = PieLayout.slices([22, 1])
        let placements = PieLabelPlacer.place(
            slices: slices, names: ["Big", "Thin"], values: ["22 (96%)", "1 (4%)"],
            centre: ScenePoint(x: 320, y: 300), radius: 120, width: 640)
        #expect(placements.map(\.inside) == [true, false])
        #expect(placements[1].lines == ["Thin", "1 (4%)"])
        // The thin slice ends at 12 o'clock, so its label goes in the left column, above the middle.
        #expect(placements[1].anchor == .end)
        #expect(placements[1].box.maxY < 300)
    }
}
