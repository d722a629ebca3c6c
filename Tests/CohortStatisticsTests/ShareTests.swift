import Testing

@testable import CohortStatistics

@Suite struct ShareTests {
    @Test(arguments: [
        (1, 8, 13),  // 12.5% rounds half up
        (3, 8, 38),  // 37.5%
        (9, 23, 39),  // 39.13%
        (19, 23, 83),  // 82.6%
        (4, 23, 17),  // 17.39%
        (1, 200, 1),  // 0.5% rounds up, never down to 0
        (1, 201, 0),  // 0.497%
        (0, 5, 0),
        (5, 5, 100),
        (3, 0, 0),  // no total: 0, not a crash
    ])
    func wholePercentRoundsHalfUp(count: Int, total: Int, percent: Int) {
        #expect(Share(count, of: total).wholePercent == percent)
    }

    @Test func encodesCountTotalAndPercent() throws {
        let json = String(decoding: try JSONEncoderForTests.encode(Share(9, of: 23)), as: UTF8.self)
        #expect(json == #"{"count":9,"percent":39,"total":23}"#)
    }
}
