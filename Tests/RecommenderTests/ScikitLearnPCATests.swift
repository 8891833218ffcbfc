import DemoData
import EventStore
import Foundation
import TestSupport
import Testing

@testable import Recommender

/// The sound map's principal components against scikit-learn's `PCA(n_components=2)` on the
/// demo catalog's standardised features: the same components (scikit-learn also makes each
/// one's largest loading positive), shares of variance and projections.
@Suite(
  "Principal components against scikit-learn",
  .enabled(
    if: ScikitLearn.available
      || ProcessInfo.processInfo.environment["TUNEDASH_REQUIRE_PYTHON_TOOLS"] == "1",
    "python3 cannot import sklearn: pip install scikit-learn (CI sets TUNEDASH_REQUIRE_PYTHON_TOOLS=1)"
  ))
struct ScikitLearnPCATests {
  @Test func demoCatalogComponentsMatchScikitLearn() throws {
    let catalog = try ScikitLearn.demoCatalog()
    let folder = try TemporaryFolder.make()
    let standardizer = Standardizer(rows: catalog.tracks.map(\.values))
    let z = catalog.tracks.flatMap { standardizer.standardize($0.values) }
    let d = catalog.features.count
    let map = PrincipalComponents(rows: z, dimensions: d)

    let csv = stride(from: 0, to: z.count, by: d).map { start in
      z[start..<(start + d)].map { String($0) }.joined(separator: ",")
    }.joined(separator: "\n")
    let file = folder.appendingPathComponent("z.csv")
    try csv.write(to: file, atomically: true, encoding: .utf8)
    // One line of numbers: both components, both shares, the first three rows' projections.
    let output = try ScikitLearn.run(
      """
      import numpy, sys
      from sklearn.decomposition import PCA
      x = numpy.loadtxt(sys.argv[1], delimiter=",")
      pca = PCA(n_components=2).fit(x)
      values = list(pca.components_.ravel()) + list(pca.explained_variance_ratio_)
      values += list(pca.transform(x[:3]).ravel())
      print(" ".join(repr(float(v)) for v in values))
      """, arguments: [file.path])
    let reference = output.split(separator: " ").compactMap {
      Double($0.trimmingCharacters(in: .whitespacesAndNewlines))
    }
    try #require(reference.count == 2 * d + 2 + 6)
    let ours =
      map.components.flatMap { $0 } + map.explainedVarianceRatio
      + (0..<3).flatMap { i -> [Double] in
        let place = map.project(z[(i * d)..<(i * d + d)])
        return [place.x, place.y]
      }
    for (index, (a, b)) in zip(ours, reference).enumerated() {
      #expect(abs(a - b) < 1e-9, "value \(index): ours \(a), scikit-learn \(b)")
    }
  }
}
