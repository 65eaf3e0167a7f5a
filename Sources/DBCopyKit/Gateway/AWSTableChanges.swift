import AWSClient
import Foundation

extension AWSTableService {
    public func restore(_ request: RestoreRequest) async throws {
        var overrides = RestoreOverrides(
            billingModeOverride: request.billing == .provisioned ? .provisioned : .payPerRequest,
            sseSpecificationOverride: request.encryption.map(Self.sse))
        if let capacity = request.capacity { overrides.provisionedThroughputOverride = Self.throughput(capacity) }
        if !request.indexes.isEmpty {
            // The override is the complete index list: each needs its key schema and projection.
            let origin = try await client.describeTable(tableName: request.sourceTable)
            overrides.globalSecondaryIndexOverride = (origin.globalSecondaryIndexes ?? []).compactMap { index in
                guard let name = index.indexName, let keys = index.keySchema, let projection = index.projection else {
                    return nil
                }
                var definition = GlobalSecondaryIndex(indexName: name, keySchema: keys, projection: projection)
                definition.provisionedThroughput = request.indexes[name].map(Self.throughput)
                return definition
            }
        }
        switch request.source {
        case .backup(let arn):
            _ = try await client.restoreTableFromBackup(
                RestoreTableFromBackupInput(targetTableName: request.target, backupArn: arn, overrides: overrides))
        case .pointInTime(let table, let date):
            _ = try await client.restoreTableToPointInTime(
                RestoreTableToPointInTimeInput(
                    sourceTableName: table, targetTableName: request.target,
                    useLatestRestorableTime: date == nil ? true : nil, restoreDateTime: date, overrides: overrides))
        }
    }

    public func updateTable(_ name: String, _ update: TableUpdate) async throws {
        var input = UpdateTableInput(tableName: name)
        if let billing = update.billing { input.billingMode = billing == .provisioned ? .provisioned : .payPerRequest }
        input.provisionedThroughput = update.capacity.map(Self.throughput)
        if !update.indexes.isEmpty {
            input.globalSecondaryIndexUpdates = update.indexes.sorted { $0.key < $1.key }.map {
                .update(indexName: $0.key, provisionedThroughput: Self.throughput($0.value))
            }
        }
        input.tableClass = update.tableClass.map { AWSClient.TableClass(rawValue: $0.awsValue) }
        input.deletionProtectionEnabled = update.deletionProtection
        input.sseSpecification = update.encryption.map(Self.sse)
        _ = try await client.updateTable(input)
    }

    static func throughput(_ capacity: Capacity) -> ProvisionedThroughput {
        ProvisionedThroughput(readCapacityUnits: capacity.read, writeCapacityUnits: capacity.write)
    }

    static func sse(_ encryption: EncryptionSpec) -> SSESpecification {
        switch encryption {
        case .awsOwned: return SSESpecification(enabled: false)
        case .awsManaged: return SSESpecification(enabled: true, sseType: .kms)
        case .customerManaged(let key): return SSESpecification(enabled: true, sseType: .kms, kmsMasterKeyId: key)
        }
    }
}
