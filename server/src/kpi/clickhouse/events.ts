// A ClickHouse table's columns as an event (see ./relation.ts for the normalised relation built
// on them): mapped by the plan and typed from the table's own description (DESCRIBE TABLE).
//
// Properties in a JSON string column are read with visitParamExtract* (18.16 has no JSONExtract):
// it finds the first `"name":` anywhere in the text, nested or not. The loader
// (`activation-lens load-clickhouse`) writes a canonical form in which that is exact: compact,
// top-level scalar members before nested ones, and no raw `"` inside strings (written `\u0022`).
// The search is cut before the first nested member, so only top-level keys are found. See
// docs/scaling.md for tables written by other tools.
import type { ClickHouseDialect } from '../sql/clickhouse-dialect';
import type { PropertyUse } from '../sql/dialect';
import { canonicalString } from './canonical';
import type { RowSource } from './relation';
import type { ClickHouseColumns } from './settings';

/** A column of the table, as `DESCRIBE TABLE` gives it. */
export interface TableColumn {
  name: string;
  type: string;
}

export class TableMappingError extends Error {}

const INTEGER = /^(U?Int(8|16|32|64|128|256))$/;
const FLOAT = /^(Float(32|64)|Decimal.*)$/;

function baseType(type: string): string {
  return type.replace(/^LowCardinality\((.*)\)$/, '$1').replace(/^Nullable\((.*)\)$/, '$1');
}

/** A ClickHouse identifier, back-quoted. */
export function ident(name: string): string {
  return `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;
}

/** The canonical JSON spelling of a key, as the loader writes it. */
export function canonicalKey(name: string): string {
  return canonicalString(name).slice(1, -1);
}

const DECIMAL_TEXT = '^-?[0-9]+([.][0-9]+)?$';

export class EventsMapping {
  private readonly byName: Map<string, TableColumn>;

  constructor(
    private readonly q: ClickHouseDialect,
    private readonly table: string,
    columns: TableColumn[],
    private readonly mapping: ClickHouseColumns,
  ) {
    this.byName = new Map(columns.map((c) => [c.name, c]));
  }

  private column(role: string, name: string): TableColumn {
    const c = this.byName.get(name);
    if (!c) {
      const have = [...this.byName.keys()].join(', ');
      throw new TableMappingError(
        `${this.table} has no column ${name} for the ${role} (columns: ${have}); map it in kpis.clickhouse.columns`,
      );
    }
    return c;
  }

  private text(role: string, name: string): string {
    const c = this.column(role, name);
    return /Nullable/.test(c.type) ? `ifNull(toString(${ident(name)}), '')` : `toString(${ident(name)})`;
  }

  private timestamp(): string {
    const c = this.column('timestamp', this.mapping.timestamp);
    const t = baseType(c.type);
    const col = ident(c.name);
    let ms: string;
    if (INTEGER.test(t)) ms = `toInt64(${col})`;
    else if (/^Float/.test(t)) ms = `toInt64(floor(${col}))`;
    else if (/^DateTime64/.test(t)) ms = `toUnixTimestamp64Milli(${col})`;
    else if (/^DateTime/.test(t)) ms = `toInt64(toUnixTimestamp(${col})) * 1000`;
    else {
      throw new TableMappingError(
        `the timestamp column ${c.name} is ${c.type}: use epoch milliseconds (Int64), DateTime or DateTime64`,
      );
    }
    return /Nullable/.test(c.type) ? `ifNull(${ms}, toInt64(-9223372036854775807))` : ms;
  }

  /** A property as a Float64 or String, NULL when absent or of another kind (DESIGN §4 value rules). */
  private property(p: PropertyUse): string {
    const { properties } = this.mapping;
    if (typeof properties === 'string') return this.jsonProperty(p, this.column('properties', properties));
    const name = properties[p.name];
    if (!name)
      return p.as === 'number' ? 'CAST(NULL AS Nullable(Float64))' : 'CAST(NULL AS Nullable(String))';
    const c = this.column(`property ${p.name}`, name);
    const t = baseType(c.type);
    const col = ident(c.name);
    if (p.as === 'string') {
      return /^(String|FixedString)/.test(t)
        ? `toNullable(toString(${col}))`
        : 'CAST(NULL AS Nullable(String))';
    }
    if (INTEGER.test(t) || FLOAT.test(t)) return this.finite(`toFloat64(${col})`);
    if (/^String/.test(t)) return this.decimal(`toString(${col})`);
    return 'CAST(NULL AS Nullable(Float64))';
  }

  private finite(x: string): string {
    return `if(isFinite(assumeNotNull(${x})), toNullable(${x}), NULL)`;
  }

  private decimal(s: string): string {
    return `if(match(${s}, ${this.q.string(DECIMAL_TEXT)}), ${this.finite(`toFloat64OrZero(${s})`)}, NULL)`;
  }

  private jsonProperty(p: PropertyUse, c: TableColumn): string {
    if (!/^(String|Nullable\(String\))$/.test(c.type)) {
      throw new TableMappingError(`the properties column ${c.name} is ${c.type}: expected a JSON String`);
    }
    const json = /Nullable/.test(c.type) ? `ifNull(${ident(c.name)}, '')` : ident(c.name);
    // Top-level scalars come first in the loader's canonical form: search before the first
    // nested member (`"key":{` or `"key":[`).
    const o = `position(${json}, '":{')`;
    const a = `position(${json}, '":[')`;
    const cutAt = `multiIf(${o} = 0, ${a}, ${a} = 0, ${o}, least(${o}, ${a}))`;
    const top = `substring(${json}, 1, if(${cutAt} = 0, length(${json}), ${cutAt}))`;
    const key = this.q.string(canonicalKey(p.name));
    const raw = `visitParamExtractRaw(${top}, ${key})`;
    const isString = `substring(${raw}, 1, 1) = '"'`;
    const str = `visitParamExtractString(${top}, ${key})`;
    if (p.as === 'string') return `if(${isString}, toNullable(${str}), NULL)`;
    const isNumber = `match(${raw}, '^-?[0-9]')`;
    return `multiIf(${isString}, ${this.decimal(str)}, ${isNumber}, ${this.finite(`toFloat64OrZero(${raw})`)}, NULL)`;
  }

  /** The table's rows as expressions of the normalised columns. */
  rows(properties: PropertyUse[]): RowSource {
    return {
      from: this.table,
      user: this.text('user', this.mapping.user),
      event: this.text('event', this.mapping.event),
      ts: this.timestamp(),
      id: this.mapping.id === null ? null : this.text('event id', this.mapping.id),
      properties: properties.map((p) => this.property(p)),
    };
  }
}
