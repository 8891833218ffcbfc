import Engine
import EventStore
import Foundation
import ReportModel

/// A build's whole sound model, kept in its state for the next build: when the catalog is kept
/// (its rows unchanged) and the audio features' digest (``FeatureRowsDigest``), k, the
/// clustering method and the program are the same, the next build takes the model as it is —
/// without reading the features, standardising them, digesting them or projecting the sound
/// map, which the clusters' own cache (``SoundCache``) still needs.
///
/// The program (``ProgramIdentity``) is part of the key because the model holds what the code
/// alone decides — the clusters' labels, the sound map's projection, the rounding: a TuneDash
/// upgrade makes its model anew (from the clusters' cache, without K-means), where a kept one
/// would keep the old wording until the features changed.
struct KeptSound: Sendable {
  /// The digest of the features the model was made from.
  let featureRows: UInt64
  /// The number of clusters asked for.
  let clusters: Int
  /// ``SoundCache/method`` when the model was made.
  let method: Int64
  /// The fingerprint of the catalog the model maps.
  let catalogFingerprint: UInt64
  /// The ``ProgramIdentity`` of the program that made it.
  let program: UInt64
  /// The model.
  let model: SoundModel
  /// The model's report as JSON (sorted keys).
  private let reportJSON: [UInt8]

  /// The model of `features` (whose ``TrackFeatureValues/rowsDigest`` it keeps) for the next
  /// build, made by `program`; `nil` when the source gave no digest, the program has no
  /// identity, or the report does not encode (a non-finite number).
  init?(
    _ model: SoundModel, features: TrackFeatureValues, clusters: Int, catalog: Catalog,
    program: UInt64? = ProgramIdentity.current
  ) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    guard let digest = features.rowsDigest, let program,
      let json = try? encoder.encode(model.report)
    else { return nil }
    (featureRows, self.clusters, method) = (digest, clusters, SoundCache.method)
    catalogFingerprint = catalog.fingerprint
    (self.program, self.model, reportJSON) = (program, model, Array(json))
  }

  /// Whether the model is the one this build would make: the same feature rows (`featureRows`,
  /// read with the catalog's rows), k, method, catalog and `program`.
  func applies(
    featureRows now: UInt64?, clusters k: Int, catalog: Catalog,
    program current: UInt64? = ProgramIdentity.current
  ) -> Bool {
    featureRows == now && clusters == k && method == SoundCache.method
      && catalogFingerprint == catalog.fingerprint && program == current
      && model.clusterOfTrack.count == catalog.trackCount
  }

  func encode(into writer: inout BinaryWriter) {
    writer.write(featureRows)
    writer.write(Int64(clusters))
    writer.write(method)
    writer.write(catalogFingerprint)
    writer.write(program)
    writer.write(model.clusterOfTrack)
    writer.write(reportJSON)
  }

  /// Reads what ``encode(into:)`` wrote. The model's clusters are the state's own cache
  /// (``EngineState/sound``, the same value, so it is written once).
  init(from reader: inout BinaryReader, cache: SoundCache?) throws {
    featureRows = try reader.read(UInt64.self)
    clusters = Int(try reader.read(Int64.self))
    method = try reader.read(Int64.self)
    catalogFingerprint = try reader.read(UInt64.self)
    program = try reader.read(UInt64.self)
    let clusterOfTrack = try reader.readArray(Int32.self)
    reportJSON = try reader.readArray(UInt8.self)
    let report = try JSONDecoder().decode(SoundReport.self, from: Data(reportJSON))
    model = SoundModel(clusterOfTrack: clusterOfTrack, report: report, cache: cache)
  }
}
