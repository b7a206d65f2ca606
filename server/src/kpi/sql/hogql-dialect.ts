// PostHog's HogQL: ClickHouse SQL through PostHog's allow-list of functions. It has arrayMin but
// not arrayReduce, and spells integer conversion `_toInt64` (its `toInt` is a nullable cast).
import { ClickHouseDialect } from './clickhouse-dialect';

export class HogQlDialect extends ClickHouseDialect {
  override readonly name: string = 'hogql';

  protected override arrayMin(list: string): string {
    return `arrayMin(${list})`;
  }

  override int64(expr: string): string {
    return `_toInt64(${expr})`;
  }
}
