import CSystemShims

/// The tracks and their genres, loaded once before the event scans.
///
/// Track ids are interned to dense indexes; each track's genres are stored as a slice of a flat
/// array (compressed sparse rows), so looking up a track's genres in the hot loop costs two array
/// reads. Each track's artist is interned too (for the top artists); titles are not kept:
/// ``CatalogReader/trackDetails(_:)`` fetches the few that a page shows.
public struct Catalog: Sendable {
  /// Track ids, interned in `tracks` row order.
  public private(set) var tracks = ByteInterner()
  /// Genre names exactly as stored, in order of first appearance in `track_genres`.
  public private(set) var genreNames: [String] = []
  private var genreStarts: [Int32] = [0]
  private var genreList: [Int32] = []
  /// Artist names exactly as stored, in order of first appearance in `tracks`.
  public private(set) var artistNames: [String] = []
  /// `[track]`: the index into ``artistNames`` of the track's artist.
  public private(set) var artistOfTrack: [Int32] = []
  /// A fingerprint of every track id, in order, with its artist and genres: equal catalogs give
  /// equal fingerprints (FNV-1a, stable across runs and machines). Computed once, when the
  /// catalog is laid out: a build compares and saves it several times.
  public private(set) var fingerprint = StableDigest().value
  /// A digest of the rows the source read to build the catalog, in the source's own terms
  /// (``CatalogReader/catalogRowsDigest()``); `nil` when the source keeps none. Not part of the
  /// catalog's content: two sources can give equal catalogs with different digests.
  public var rowsDigest: UInt64?

  /// An empty catalog.
  public init() {}

  /// Builds a catalog from track ids and `(track id, genre)` pairs; pairs naming a track that is
  /// not in `trackIDs` are ignored and counted in the returned `orphans`.
  public init(trackIDs: [String], genres pairs: [(String, String)]) {
    var orphans = 0
    self.init(trackIDs: trackIDs, genres: pairs, orphans: &orphans)
  }

  init(trackIDs: [String], genres pairs: [(String, String)], orphans: inout Int) {
    var builder = Builder()
    for id in trackIDs { builder.addTrack(id, artist: "") }
    for (track, genre) in pairs {
      if !builder.addGenre(genre, toTrack: track) { orphans += 1 }
    }
    self = builder.finish()
  }

  /// The number of tracks.
  public var trackCount: Int { tracks.count }

  /// Starts loading where the genres of track `index` are listed (see ``genres(ofTrack:)``).
  @inline(__always)
  public func prefetchGenres(ofTrack index: Int32) {
    genreStarts.withUnsafeBufferPointer { starts in
      if index >= 0 && Int(index) < starts.count {
        tunedash_prefetch(starts.baseAddress! + Int(index))
      }
    }
  }

  /// The genre indexes (into ``genreNames``) of the track at `index`.
  @inline(__always)
  public func genres(ofTrack index: Int32) -> ArraySlice<Int32> {
    let i = Int(index)
    return genreList[Int(genreStarts[i])..<Int(genreStarts[i + 1])]
  }

  /// What ``fingerprint`` holds, from the laid-out catalog.
  private func digest() -> UInt64 {
    var hash = StableDigest()
    for track in 0..<trackCount {
      hash.add(tracks.bytes(at: Int32(track)))
      hash.add(separator: 1)
      hash.add(artistNames[Int(artistOfTrack[track])].utf8)
      hash.add(separator: 1)
      for genre in genres(ofTrack: Int32(track)) {
        hash.add(genreNames[Int(genre)].utf8)
        hash.add(separator: 2)
      }
      hash.add(separator: 3)
    }
    return hash.value
  }

  /// The catalog index of a track id, or `nil`.
  public func index(ofTrack id: String) -> Int32? { tracks.index(of: id) }

  /// What a catalog is made of, as a build's saved state keeps it (see ``init(parts:)``).
  package struct Parts: Equatable {
    /// The interned track ids' bytes (``ByteInterner/storage``).
    package var trackBytes: [UInt8]
    /// Where each track id starts in ``trackBytes``, and one more: where the bytes end.
    package var trackStarts: [Int]
    /// ``Catalog/genreNames``.
    package var genreNames: [String]
    /// Where each track's genres start in ``genreList``, and one more: the genres of track `t`
    /// are `genreList[genreStarts[t] ..< genreStarts[t + 1]]`.
    package var genreStarts: [Int32]
    /// The tracks' genres, track after track (indexes into ``genreNames``).
    package var genreList: [Int32]
    /// ``Catalog/artistNames``.
    package var artistNames: [String]
    /// ``Catalog/artistOfTrack``.
    package var artistOfTrack: [Int32]
    /// ``Catalog/rowsDigest``.
    package var rowsDigest: UInt64?

    /// The parts, in the order ``Catalog/parts`` lists them.
    package init(
      trackBytes: [UInt8], trackStarts: [Int], genreNames: [String], genreStarts: [Int32],
      genreList: [Int32], artistNames: [String], artistOfTrack: [Int32], rowsDigest: UInt64?
    ) {
      (self.trackBytes, self.trackStarts, self.genreNames) = (trackBytes, trackStarts, genreNames)
      (self.genreStarts, self.genreList) = (genreStarts, genreList)
      (self.artistNames, self.artistOfTrack) = (artistNames, artistOfTrack)
      self.rowsDigest = rowsDigest
    }
  }

  /// The catalog's parts, to save.
  package var parts: Parts {
    let (bytes, starts) = tracks.storage
    return Parts(
      trackBytes: bytes, trackStarts: starts, genreNames: genreNames, genreStarts: genreStarts,
      genreList: genreList, artistNames: artistNames, artistOfTrack: artistOfTrack,
      rowsDigest: rowsDigest)
  }

  /// The catalog saved as `parts`, its fingerprint computed again; `nil` when the parts do not
  /// fit together (a damaged state): track starts that do not rise from 0 to the bytes' end,
  /// genre starts that do not rise from 0 to the list's end with one per track and one more,
  /// genre or artist indexes out of range, not one artist per track, or a track id twice.
  package init?(parts: Parts) {
    let tracks = parts.trackStarts.count - 1
    guard tracks >= 0, parts.trackStarts.first == 0,
      parts.trackStarts.last == parts.trackBytes.count,
      zip(parts.trackStarts, parts.trackStarts.dropFirst()).allSatisfy({ $0 <= $1 }),
      parts.genreStarts.count == tracks + 1, parts.genreStarts.first == 0,
      parts.genreStarts.last.map(Int.init) == parts.genreList.count,
      zip(parts.genreStarts, parts.genreStarts.dropFirst()).allSatisfy({ $0 <= $1 }),
      parts.genreList.allSatisfy({ $0 >= 0 && Int($0) < parts.genreNames.count }),
      parts.artistOfTrack.count == tracks,
      parts.artistOfTrack.allSatisfy({ $0 >= 0 && Int($0) < parts.artistNames.count })
    else { return nil }
    self.tracks = ByteInterner(arena: parts.trackBytes, starts: parts.trackStarts)
    guard self.tracks.count == tracks else { return nil }
    genreNames = parts.genreNames
    genreStarts = parts.genreStarts
    genreList = parts.genreList
    artistNames = parts.artistNames
    artistOfTrack = parts.artistOfTrack
    rowsDigest = parts.rowsDigest
    fingerprint = digest()
  }

  /// Collects tracks and genre pairs in any order, then lays them out: how a source builds
  /// the catalog while it reads `tracks` (first) and `track_genres`.
  public struct Builder {
    private var tracks = ByteInterner()
    private var genreIndex: [String: Int32] = [:]
    private var genreNames: [String] = []
    private var pairs: [(track: Int32, genre: Int32)] = []
    private var artistIndex: [String: Int32] = [:]
    private var artistNames: [String] = []
    private var artistOfTrack: [Int32] = []
    /// Where the next genre's track is looked for first (genres come in the tracks' order).
    private var nextGenreTrack: Int32 = 0
    /// Whether a track id was added more than once (all but the first ignored).
    public private(set) var repeatsTracks = false

    /// An empty catalog to fill.
    public init() {}

    /// Adds a track with its artist; a repeated id is ignored.
    public mutating func addTrack(_ id: String, artist: String) {
      let bytes = Array(id.utf8)
      bytes.withUnsafeBytes { addTrack($0, artist: artist) }
    }

    /// Adds a track, its id as bytes, with its artist; a repeated id is ignored.
    public mutating func addTrack(_ id: UnsafeRawBufferPointer, artist: String) {
      let before = tracks.count
      _ = tracks.intern(id)
      guard tracks.count > before else {
        repeatsTracks = true
        return
      }
      if let known = artistIndex[artist] {
        artistOfTrack.append(known)
      } else {
        artistIndex[artist] = Int32(artistNames.count)
        artistOfTrack.append(Int32(artistNames.count))
        artistNames.append(artist)
      }
    }

    /// Adds a genre to a track added before; `false` (and nothing added) when `track` is not a
    /// known track.
    public mutating func addGenre(_ genre: String, toTrack track: String) -> Bool {
      var track = track
      return track.withUTF8 { addGenre(genre, toTrack: UnsafeRawBufferPointer($0)) }
    }

    /// Adds a genre to a track added before, its id as bytes; `false` (and nothing added) when
    /// `track` is not a known track. Fastest when the genres come in the tracks' order.
    public mutating func addGenre(_ genre: String, toTrack track: UnsafeRawBufferPointer) -> Bool {
      guard let t = tracks.index(of: track, from: &nextGenreTrack) else { return false }
      let g: Int32
      if let known = genreIndex[genre] {
        g = known
      } else {
        g = Int32(genreNames.count)
        genreIndex[genre] = g
        genreNames.append(genre)
      }
      pairs.append((t, g))
      return true
    }

    /// The catalog.
    public func finish() -> Catalog {
      var catalog = Catalog()
      catalog.tracks = tracks
      catalog.genreNames = genreNames
      catalog.artistNames = artistNames
      catalog.artistOfTrack = artistOfTrack
      var counts = [Int32](repeating: 0, count: tracks.count + 1)
      for pair in pairs { counts[Int(pair.track) + 1] += 1 }
      for i in 1..<counts.count { counts[i] += counts[i - 1] }
      var next = counts
      var list = [Int32](repeating: 0, count: pairs.count)
      for pair in pairs {
        list[Int(next[Int(pair.track)])] = pair.genre
        next[Int(pair.track)] += 1
      }
      catalog.genreStarts = counts
      catalog.genreList = list
      catalog.fingerprint = catalog.digest()
      return catalog
    }
  }
}
