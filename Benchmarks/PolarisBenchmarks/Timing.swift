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
    return times.sorted()[times.count / 2]
}

/// The median time of `runs` runs of the closure `prepare` returns, each prepared anew, untimed.
func medianSeconds(runs: Int, prepared prepare: () throws -> () throws -> Void) throws -> Double {
    var times: [Double] = []
    for _ in 0..<runs {
        let body = try prepare()
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return times.sorted()[times.count / 2]
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
