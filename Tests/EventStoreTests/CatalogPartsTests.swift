import EventStore
import Testing

/// A saved state carries its catalog as parts; the catalog made from them again is equal to
/// the one saved, fingerprint included, and parts that do not fit together make none.
@Suite("A catalog's parts")
struct CatalogPartsTests {
  static let catalog: Catalog = {
    var builder = Catalog.Builder()
    builder.addTrack("t1", artist: "Alpha")
    builder.addTrack("t2", artist: "Beta")
    builder.addTrack("t3", artist: "Alpha")
    _ = builder.addGenre("rock", toTrack: "t3")
    _ = builder.addGenre("pop", toTrack: "t1")
    _ = builder.addGenre("rock", toTrack: "t1")
    var catalog = builder.finish()
    catalog.rowsDigest = 42
    return catalog
  }()

  @Test func theCatalogMadeFromItsPartsIsTheSame() throws {
    let again = try #require(Catalog(parts: Self.catalog.parts))
    #expect(again.parts == Self.catalog.parts)
    #expect(again.fingerprint == Self.catalog.fingerprint)
    #expect(again.rowsDigest == 42)
    #expect(again.genres(ofTrack: 0).map { again.genreNames[Int($0)] } == ["pop", "rock"])
    #expect(again.index(ofTrack: "t3") == 2)
    // Laid out by track; genre names in order of first appearance ("rock" first, with t3).
    #expect(Self.catalog.parts.genreNames == ["rock", "pop"])
    #expect(Self.catalog.parts.genreStarts == [0, 2, 2, 3])
    #expect(Self.catalog.parts.genreList == [1, 0, 0])
    #expect(Self.catalog.parts.artistOfTrack == [0, 1, 0])
  }

  @Test func partsThatDoNotFitMakeNoCatalog() {
    var parts = Self.catalog.parts
    parts.genreList[0] = 2  // no third genre
    #expect(Catalog(parts: parts) == nil)
    parts = Self.catalog.parts
    parts.genreStarts = [0, 2, 3]  // a track without its start
    #expect(Catalog(parts: parts) == nil)
    parts = Self.catalog.parts
    parts.artistOfTrack.removeLast()  // a track without an artist
    #expect(Catalog(parts: parts) == nil)
    parts = Self.catalog.parts
    parts.trackBytes = Array("t1t1t3".utf8)  // a track id twice
    #expect(Catalog(parts: parts) == nil)
    parts = Self.catalog.parts
    parts.trackStarts[1] = 7  // beyond the bytes
    #expect(Catalog(parts: parts) == nil)
  }
}
