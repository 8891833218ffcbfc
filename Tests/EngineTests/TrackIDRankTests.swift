import EventStore
import Testing

@testable import Engine

/// Ties in plays are broken by each track's place in byte order of the ids: the catalog index
/// when the catalog lists its tracks in that order (every source does), found by sorting
/// otherwise.
@Suite("Tracks ranked by id")
struct TrackIDRankTests {
  @Test func aCatalogInByteOrderRanksByIndex() {
    let catalog = Catalog(trackIDs: ["T3", "t1", "t10", "t2"], genres: [])
    #expect(TrackExposure.idRank(catalog) == [0, 1, 2, 3])
  }

  @Test func aCatalogInAnotherOrderIsSorted() {
    // Byte order: "T3" < "t1" < "t10" < "t2".
    let catalog = Catalog(trackIDs: ["t2", "t1", "T3", "t10"], genres: [])
    #expect(TrackExposure.idRank(catalog) == [3, 1, 0, 2])
  }

  @Test func emptyAndSingleCatalogs() {
    #expect(TrackExposure.idRank(Catalog()) == [])
    #expect(TrackExposure.idRank(Catalog(trackIDs: ["only"], genres: [])) == [0])
  }
}
