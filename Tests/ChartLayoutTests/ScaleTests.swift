import Testing

@testable import ChartLayout

@Suite("LinearScale")
struct LinearScaleTests {
    @Test("Maps domain to range, including reversed ranges")
    func mapping() {
        let scale = LinearScale(domain: (0, 1), range: (0, 100))
        #expect(scale(0.5) == 50)
        #expect(scale(2) == 200)
        let yAxis = LinearScale(domain: (0, 20), range: (300, 60))
        #expect(yAxis(0) == 300)
        #expect(yAxis(20) == 60)
        #expect(yAxis(5) == 240)
        #expect(LinearScale(domain: (3, 3), range: (0, 10))(3) == 5)
    }

    @Test("Ticks step by 1, 2 or 5 times a power of ten (d3 ticks)")
    func ticks() {
        #expect(
            LinearScale(domain: (0, 1), range: (0, 1)).ticks(count: 10)
                == [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0])
        #expect(LinearScale(domain: (0, 1), range: (0, 1)).ticks(count: 5) == [0.0, 0.2, 0.4, 0.6, 0.8, 1.0])
        #expect(LinearScale(domain: (0, 1), range: (0, 1)).ticks(count: 2) == [0.0, 0.5, 1.0])
        #expect(LinearScale(domain: (-10, 0), range: (0, 1)).ticks(count: 5) == [-10, -8, -6, -4, -2, 0])
        #expect(LinearScale(domain: (1, 0), range: (0, 1)).ticks(count: 2) == [1.0, 0.5, 0.0])
        #expect(LinearScale(domain: (0, 19), range: (0, 1)).ticks(count: 5) == [0, 5, 10, 15])
    }

    @Test("nice() widens the domain to whole ticks (d3 nice)")
    func nice() {
        #expect(LinearScale(domain: (0, 0.96), range: (0, 1)).nice().domain == (0, 1))
        #expect(LinearScale(domain: (0, 96), range: (0, 1)).nice().domain == (0, 100))
        #expect(LinearScale(domain: (1.1, 10.9), range: (0, 1)).nice().domain == (1, 11))
        #expect(LinearScale(domain: (10.9, 1.1), range: (0, 1)).nice().domain == (11, 1))
        #expect(LinearScale(domain: (0.7, 11.001), range: (0, 1)).nice().domain == (0, 12))
        #expect(LinearScale(domain: (123.1, 6.7), range: (0, 1)).nice().domain == (130, 0))
        #expect(LinearScale(domain: (0, 0.49), range: (0, 1)).nice().domain == (0, 0.5))
        #expect(LinearScale(domain: (12, 87), range: (0, 1)).nice(count: 5).domain == (0, 100))
        #expect(LinearScale(domain: (12, 87), range: (0, 1)).nice(count: 10).domain == (10, 90))
        #expect(LinearScale(domain: (12, 87), range: (0, 1)).nice(count: 100).domain == (12, 87))
    }

    @Test("niceTicks gives round bounds that cover the data")
    func niceTicks() {
        #expect(LinearScale(domain: (0, 19), range: (0, 1)).niceTicks(count: 5) == [0, 5, 10, 15, 20])
        #expect(LinearScale(domain: (0, 4), range: (0, 1)).niceTicks(count: 4) == [0, 1, 2, 3, 4])
        #expect(LinearScale(domain: (0, 1), range: (0, 1)).niceTicks(count: 1) == [0, 1])
        // As in d3, nicing can take two rounds: 14.1 → step 2 → [0, 16] → step 5 → [0, 20].
        #expect(LinearScale(domain: (0, 14.1), range: (0, 1)).niceTicks(count: 5) == [0, 5, 10, 15, 20])
    }
}

@Suite("BandScale")
struct BandScaleTests {
    @Test("Without padding, bands fill the range")
    func noPadding() {
        let band = BandScale(count: 3, range: (0, 120))
        #expect(band.step == 40)
        #expect(band.bandwidth == 40)
        #expect([0, 1, 2].map(band.position(at:)) == [0, 40, 80])
    }

    @Test("Inner and outer padding as in d3's band.padding(0.2)")
    func padding() {
        let band = BandScale(count: 3, range: (0, 120), paddingInner: 0.2, paddingOuter: 0.2)
        #expect(band.step == 37.5)
        #expect(band.bandwidth == 30)
        #expect([0, 1, 2].map(band.position(at:)) == [7.5, 45, 82.5])
        #expect(band.centre(at: 1) == 60)
    }

    @Test("A reversed range lists bands from the far end; align moves leftover space")
    func reversedAndAligned() {
        let band = BandScale(count: 3, range: (120, 0), paddingInner: 0.2, paddingOuter: 0.2)
        #expect([0, 1, 2].map(band.position(at:)) == [82.5, 45, 7.5])
        let left = BandScale(count: 2, range: (0, 100), paddingInner: 0, paddingOuter: 0.5, align: 0)
        #expect(left.step == 100.0 / 3)
        #expect(left.position(at: 0) == 0)
        let right = BandScale(count: 2, range: (0, 100), paddingInner: 0, paddingOuter: 0.5, align: 1)
        #expect(abs(right.position(at: 0) - 100.0 / 3) < 1e-9)
    }
}
