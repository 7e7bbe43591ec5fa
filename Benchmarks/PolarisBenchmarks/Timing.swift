import Foundation

/// The median wall time of `runs` runs of `body`, after one warm-up run.
func medianSeconds(runs: Int, _ body: () throws -> Void) rethrows -> Double {
    try body()
    var times: [Double] = []
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return median(times)
}

/// The middle value of `values` (the upper one of an even count).
func median(_ values: [Double]) -> Double {
    values.sorted()[values.count / 2]
}

/// The median over rounds of `times` / `baseline`, each round against itself.
func medianRatio(_ times: [Double], over baseline: [Double]) -> Double {
    median(zip(times, baseline).map { $0 / $1 })
}

/// The times of `runs` rounds in which every contestant runs once, in turn, so
/// that a slower or faster spell of a shared machine falls on all of them alike:
/// `[contestant][round]`. Each contestant prepares its run untimed and returns
/// the work to time.
func interleavedRounds(runs: Int, _ contestants: [() throws -> () throws -> Void]) throws -> [[Double]] {
    var times = Array(repeating: [Double](), count: contestants.count)
    for _ in 0..<runs {
        for (index, prepare) in contestants.enumerated() {
            let body = try prepare()
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            times[index].append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
    }
    return times
}

/// Prints rows of a benchmark table: name, milliseconds, ratio to the baseline.
func printTable(title: String, baseline: Double, rows: [(String, Double)]) {
    print(title)
    print("  " + "step".padding(toLength: 44, withPad: " ", startingAt: 0) + "    ms   x baseline")
    for (name, seconds) in rows {
        let ms = String(format: "%8.2f", seconds * 1000)
        let ratio = String(format: "%8.2f", seconds / baseline)
        print("  " + name.padding(toLength: 44, withPad: " ", startingAt: 0) + ms + ratio)
    }
}
