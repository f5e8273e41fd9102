import type {
  AreaEntity,
  CensusPoint,
  Change,
  Community,
  Division,
  EntityRef,
  Grid,
  Language,
  MicroGrid,
  RuleSet,
  Township,
} from '../model';
import { appendAll, applyChange, ColumnarCensus, targetFor, targetStatus } from '../model';
import { BoxIndex } from '../geometry/box-index';
import type { Box } from '../geometry/box-index';
import { censusTable, rowsInBox } from '../geometry/census-table';
import type { CensusTable } from '../geometry/census-table';
import { checkGeometry, isTangled, partCount } from '../geometry/check-geometry';
import {
  COMMUNITY_CODE_PATTERN,
  compileCodeTemplate,
  DEFAULT_GRID_CODE_TEMPLATE,
  DEFAULT_MICROGRID_CODE_TEMPLATE,
} from '../codes/code-template';
import type { CodeTemplate } from '../codes/code-template';
import { assignRows, compareByCode } from '../geometry/count-census';
import type { CensusCounts, CensusTally, RankedArea, UnassignedTally } from '../geometry/count-census';
import type { Piece } from './coverage-pieces';
import { polygonAreaM2 } from '../geometry/ellipsoid-area';
import { polsbyPopper } from '../geometry/polsby-popper';
import { entityIssues } from './entity-issues';
import type { EntityContext, GeometryFacts } from './entity-issues';
import { interiorPoint } from '../geometry/interior-point';
import { duplicateCodeIssues } from './rules/duplicate-code';
import { gapIssues } from './rules/gap';
import { outsideParentIssues } from './rules/outside-parent';
import { overlapIssues } from './rules/overlap';
import { unassignedGroupIssue } from './rules/unassigned-point';
import type { UnassignedGroup } from './rules/unassigned-point';
import { locatePoint, PointLocation } from '../geometry/locate-point';
import { overlapPieces } from './overlap-pieces';
import { parentCoverage } from './parent-coverage';
import { sweepSteps } from './sweep-coverage';
import { MAX_SWEEP_STEPS, SweepTooComplex } from './sweep-too-complex';
import { tooComplexCoverIssue, tooComplexPairIssue } from './rules/too-complex';
import { preparePolygon } from '../geometry/prepared-polygon';
import type { PreparedPolygon } from '../geometry/prepared-polygon';
import { significantPieces } from './significant-pieces';
import type { PieceTolerance } from './significant-pieces';
import { AREA_LAYERS, resolveOptions } from './validate-options';
import type { AreaLayer, ResolvedOptions, ValidateOptions } from './validate-options';
import type { RuleName, ValidationIssue } from './validation-issue';
import { RULES } from './validation-issue';
import type { ReportGrid, ReportIssue, ReportMicrogrid, ValidationReport } from './validation-report';

/**
 * What changed in the issue list after {@link Validator.update} or {@link Validator.revalidate}. Apply
 * `removed` first, then `added`: an issue that moves between scopes (an overlap of two grids that stop
 * sharing a village) is removed and added under the same key.
 */
export interface ValidationDelta {
  /** Keys of issues that are gone. */
  readonly removed: readonly string[];
  /** Issues that are new, or whose content changed (same key: replace). */
  readonly added: readonly ValidationIssue[];
  /** Ids of grids and micro-grids whose census counts changed. */
  readonly countsChanged: readonly string[];
  /** Number of scopes (entities, pairs, parents) recomputed: a measure of the work done. */
  readonly scopesRecomputed: number;
}

interface AreaRecord extends GeometryFacts {
  readonly entity: AreaEntity;
  readonly polygon: PreparedPolygon;
  readonly areaM2: number;
  /**
   * False for a boundary no coverage sweep can measure in bounded time: a tangle (see `isTangled`) or
   * one whose own sweep would pass {@link MAX_SWEEP_STEPS}. Its coverage is reported as too complex.
   */
  readonly sweepable: boolean;
}

type CensusLayer = 'grid' | 'microgrid';
type ChildLayer = 'community' | 'grid' | 'microgrid';

/** The layer whose entities are the children of a parent layer in coverage checks. */
const CHILD_LAYER: Readonly<Partial<Record<AreaLayer, ChildLayer>>> = {
  township: 'community',
  community: 'grid',
  grid: 'microgrid',
};
const PARENT_LAYER: Readonly<Record<ChildLayer, AreaLayer>> = {
  community: 'township',
  grid: 'community',
  microgrid: 'grid',
};

/** What {@link measured} returns for a coverage it could not measure. */
const TOO_COMPLEX = Symbol('too complex');

/**
 * A coverage measure of some areas, or {@link TOO_COMPLEX} when one of them cannot be swept (not swept
 * at all) or the sweep stopped at its bounded work.
 */
function measured<T>(measure: () => T, areas: readonly AreaRecord[]): T | typeof TOO_COMPLEX {
  if (areas.some((area) => !area.sweepable)) return TOO_COMPLEX;
  try {
    return measure();
  } catch (error) {
    if (error instanceof SweepTooComplex) return TOO_COMPLEX;
    throw error;
  }
}

const SEVERITY_ORDER = { error: 0, warning: 1 } as const;
const RULE_ORDER = new Map<RuleName, number>(RULES.map((rule, i) => [rule, i]));

/** Sorts issues for people: errors first, then by rule, then by codes, then by key. */
export function compareIssues(a: ValidationIssue, b: ValidationIssue): number {
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    RULE_ORDER.get(a.rule)! - RULE_ORDER.get(b.rule)! ||
    compareStrings(a.codes.join(','), b.codes.join(',')) ||
    compareStrings(a.key, b.key)
  );
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function boxOf(polygon: PreparedPolygon): Box | undefined {
  return polygon.empty ? undefined : polygon;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/**
 * Validation of a division, held with its indexes so that an edit re-validates only what it can affect.
 *
 * Issues live in scopes, each recomputed as a whole: an entity (geometry, attributes, code, parent,
 * household target); a parent (one sweep of it with its children: gaps in it, children outside it,
 * overlaps between its children); a candidate pair of entities of different parents whose boxes meet
 * (their overlap); a code (duplicates); the unassigned census points. A change marks the scopes of the
 * changed entities, of their old and new neighbours (from a Flatbush box index), parents, children and
 * codes, and re-assigns only the census points in the old and new boxes of changed grids (KDBush).
 * Nothing is ever computed for all pairs of grids. A change to census points themselves re-counts all
 * points (about a second per million; edits of the census are rare next to edits of grids).
 *
 * Usage (e.g. in the validation worker): `const v = new Validator(division, ruleSet)`, then
 * `v.issues()`, `v.report()`, `v.counts()`, `v.tally(layer, id)`; after each edit `v.update(change)`
 * (or `v.update(change, nextDivision)` when the caller already applied it) returns what changed, and
 * `v.revalidate(nextDivision, refs)` does the same from the list of entities an edit touched.
 */
export class Validator {
  private divisionValue: Division;
  private readonly ruleSet: RuleSet;
  private readonly options: ResolvedOptions;
  private readonly tolerance: PieceTolerance;
  private readonly gridTemplate: CodeTemplate | undefined;
  private readonly microgridTemplate: CodeTemplate | undefined;

  private readonly records: Record<AreaLayer, Map<string, AreaRecord>>;
  private readonly boxes: Record<AreaLayer, BoxIndex>;
  private readonly idsByCode: Record<AreaLayer, Map<string, Set<string>>>;
  private readonly idsByParentCode: Record<CensusLayer, Map<string, Set<string>>>;
  /**
   * Townships and communities by the first nine digits of their code (the township part): a community's
   * township is found without scanning every township, a township's communities without scanning every
   * community (a city of 1,000 townships made that cubic).
   */
  private readonly idsByTownshipPrefix: Record<'township' | 'community', Map<string, Set<string>>> = {
    township: new Map(),
    community: new Map(),
  };
  /** The township entities, rebuilt only after a township is added or removed. */
  private townshipList: Township[] | undefined;

  private table!: CensusTable;
  private readonly owner: Record<CensusLayer, Int32Array> = {
    grid: new Int32Array(0),
    microgrid: new Int32Array(0),
  };
  private readonly slotIds: Record<CensusLayer, string[]> = { grid: [], microgrid: [] };
  private readonly slotOf: Record<CensusLayer, Map<string, number>> = {
    grid: new Map(),
    microgrid: new Map(),
  };
  private readonly tallies: Record<CensusLayer, Map<string, CensusTally>> = {
    grid: new Map(),
    microgrid: new Map(),
  };
  private readonly unassignedRows = new Set<number>();
  /** Community id of census rows (null: in none), for grouping unassigned points; see communityOfRow. */
  private readonly communityOfRowCache = new Map<number, string | null>();

  private readonly scopes = new Map<string, ValidationIssue[]>();
  /** Pair scopes with issues, by entity, so that an edit can drop them. */
  private readonly pairScopesOf = new Map<string, Set<string>>();
  private sortedIssues: ValidationIssue[] | undefined;
  /** What each pair scope key stands for (ids may contain any character, so keys are not parsed). */
  private readonly pairRefs = new Map<string, readonly [AreaLayer, string, string]>();

  constructor(division: Division, ruleSet: RuleSet, options: ValidateOptions = {}) {
    this.divisionValue = division;
    this.ruleSet = ruleSet;
    this.options = resolveOptions(options);
    this.tolerance = { minAreaM2: this.options.minAreaM2, minWidthM: this.options.minWidthM };
    const gridTemplate = compileCodeTemplate(
      ruleSet.gridCodeTemplate ?? DEFAULT_GRID_CODE_TEMPLATE,
      COMMUNITY_CODE_PATTERN,
    );
    this.gridTemplate = gridTemplate.ok ? gridTemplate.value : undefined;
    const microgridTemplate = compileCodeTemplate(
      ruleSet.microgridCodeTemplate ?? DEFAULT_MICROGRID_CODE_TEMPLATE,
      this.gridTemplate?.body ?? '.+',
    );
    this.microgridTemplate = microgridTemplate.ok ? microgridTemplate.value : undefined;

    const map = <T>(): Record<AreaLayer, Map<string, T>> => ({
      township: new Map(),
      community: new Map(),
      grid: new Map(),
      microgrid: new Map(),
    });
    this.records = map<AreaRecord>();
    this.idsByCode = map<Set<string>>();
    this.idsByParentCode = { grid: new Map(), microgrid: new Map() };
    const now = options.now ?? ((): number => 0);
    const started = now();
    for (const layer of AREA_LAYERS) {
      for (const entity of division[layer].values()) this.addRecord(entity);
    }
    this.boxes = {
      township: this.buildIndex('township'),
      community: this.buildIndex('community'),
      grid: this.buildIndex('grid'),
      microgrid: this.buildIndex('microgrid'),
    };
    const prepared = now();
    this.countAll();
    const counted = now();
    this.computeAll();
    this.timings = { prepareMs: prepared - started, censusMs: counted - prepared, rulesMs: now() - counted };
  }

  /**
   * How long the first validation took, by phase, when `options.now` gave a clock: preparing geometry
   * (flattening, validity, areas, indexes), counting census points, and computing the rules' issues.
   */
  readonly timings: { readonly prepareMs: number; readonly censusMs: number; readonly rulesMs: number };

  /** The division as validated (after the last update). */
  get division(): Division {
    return this.divisionValue;
  }

  /** All current issues, errors first. */
  issues(): readonly ValidationIssue[] {
    if (!this.sortedIssues) {
      const all: ValidationIssue[] = [];
      for (const list of this.scopes.values()) appendAll(all, list);
      this.sortedIssues = all.sort(compareIssues);
    }
    return this.sortedIssues;
  }

  /** Area in m² (ellipsoidal) of an area entity, or undefined. */
  areaM2(layer: AreaLayer, id: string): number | undefined {
    return this.records[layer].get(id)?.areaM2;
  }

  /** Census counts of one grid or micro-grid. */
  tally(layer: CensusLayer, id: string): CensusTally {
    return this.tallies[layer].get(id) ?? { households: 0, population: 0, points: 0 };
  }

  /** Census counts of every grid and micro-grid, as {@link countCensus} gives them. */
  counts(): CensusCounts {
    const copy = (layer: CensusLayer): Map<string, CensusTally> =>
      new Map([...this.records[layer].keys()].map((id) => [id, { ...this.tally(layer, id) }]));
    const unassigned: UnassignedTally = { households: 0, population: 0, points: 0, pointIds: [] };
    for (const row of [...this.unassignedRows].sort((a, b) => a - b)) {
      unassigned.households += this.table.households[row]!;
      unassigned.population += this.table.population[row]!;
      unassigned.points++;
      unassigned.pointIds.push(this.table.ids[row]!);
    }
    const outsideMicrogrids = new Map<string, UnassignedTally>();
    for (const [id, record] of this.records.grid) {
      if ((this.idsByParentCode.microgrid.get(record.entity.code)?.size ?? 0) === 0) continue;
      const tally: UnassignedTally = { households: 0, population: 0, points: 0, pointIds: [] };
      for (const row of this.rowsOutsideMicrogrids(id)) {
        tally.households += this.table.households[row]!;
        tally.population += this.table.population[row]!;
        tally.points++;
        tally.pointIds.push(this.table.ids[row]!);
      }
      outsideMicrogrids.set(id, tally);
    }
    return { byGrid: copy('grid'), byMicrogrid: copy('microgrid'), unassigned, outsideMicrogrids };
  }

  /**
   * The interchange report (../shared/spec/interchange.md): grids with counts, area and target status,
   * issues with their message in `lang`, and the summary.
   */
  report(lang: Language = 'zh'): ValidationReport {
    const grids: ReportGrid[] = [...this.records.grid.values()]
      .map((record) => record.entity as Grid)
      .sort(compareByCode)
      .map((grid) => {
        const counts = this.tally('grid', grid.id);
        const justification = grid.justification?.trim();
        return {
          code: grid.code,
          name: grid.name,
          parentCode: grid.parentCode,
          gridType: grid.gridType,
          households: round(counts.households, 2),
          population: round(counts.population, 2),
          areaM2: round(this.records.grid.get(grid.id)!.areaM2, 1),
          target: targetStatus(targetFor(grid, this.ruleSet), counts),
          ...(justification ? { justification } : {}),
          compactness: round(polsbyPopper(grid.geometry), 3),
          parts: this.records.grid.get(grid.id)!.parts,
        };
      });
    const microgrids: ReportMicrogrid[] = [...this.records.microgrid.values()]
      .map((record) => record.entity as MicroGrid)
      .sort(compareByCode)
      .map((microgrid) => {
        const counts = this.tally('microgrid', microgrid.id);
        return {
          code: microgrid.code,
          name: microgrid.name,
          parentCode: microgrid.parentCode,
          households: round(counts.households, 2),
          population: round(counts.population, 2),
          areaM2: round(this.records.microgrid.get(microgrid.id)!.areaM2, 1),
          target: targetStatus(targetFor(microgrid, this.ruleSet), counts),
        };
      });
    const issues: ReportIssue[] = this.issues().map((issue) => ({
      rule: issue.rule,
      severity: issue.severity,
      codes: [...issue.codes],
      ...(issue.parentCode !== undefined ? { parentCode: issue.parentCode } : {}),
      ...(issue.areaM2 !== undefined ? { areaM2: round(issue.areaM2, 1) } : {}),
      at: [round(issue.at[0], 7), round(issue.at[1], 7)],
      message: issue.message[lang],
      ...(issue.accepted ? { accepted: true as const, justification: issue.justification ?? '' } : {}),
      ...(issue.points !== undefined
        ? {
            points: issue.points,
            households: round(issue.households ?? 0, 1),
            population: round(issue.population ?? 0, 1),
          }
        : {}),
    }));
    const errors = issues.filter((issue) => issue.severity === 'error').length;
    const accepted = issues.filter((issue) => issue.accepted).length;
    return {
      ruleSet: this.ruleSet.id,
      grids,
      ...(microgrids.length > 0 ? { microgrids } : {}),
      issues,
      summary: { grids: grids.length, errors, warnings: issues.length - errors, accepted },
      areaMethod: 'ellipsoidal-cgcs2000',
      minAreaM2: this.options.minAreaM2,
    };
  }

  /**
   * Applies a change and re-validates what it can affect. Pass `next` when the caller has applied the
   * change already (the editor's store does), to avoid applying it twice.
   */
  update(change: Change, next?: Division): ValidationDelta {
    const after = next ?? applyChange(this.divisionValue, change).division;
    const refs: EntityRef[] = [...change.delete, ...change.put.map((e) => ({ layer: e.layer, id: e.id }))];
    return this.revalidate(after, refs);
  }

  /**
   * Re-validates after the entities `affected` (by layer and id) changed between the held division and
   * `next`: recomputes their scopes and those of their neighbours, parents and children, and re-counts
   * the census points around them.
   */
  revalidate(next: Division, affected: readonly EntityRef[]): ValidationDelta {
    const before = this.divisionValue;
    const dirty = new Set<string>();
    // Entities whose pair scopes must be listed again once the indexes are up to date: changed ones,
    // and children of changed parents (whether two children are siblings depends on their parent).
    const pairsToFind: { layer: AreaLayer; id: string }[] = [];
    const recheck: Record<CensusLayer, Box[]> = { grid: [], microgrid: [] };
    let censusChanged = false;
    let townshipsChanged = false;
    const seen = new Set<string>();

    for (const ref of affected) {
      const refKey = `${ref.layer}:${ref.id}`;
      if (seen.has(refKey)) continue;
      seen.add(refKey);
      if (ref.layer === 'census') {
        censusChanged ||= before.census.get(ref.id) !== next.census.get(ref.id);
        continue;
      }
      const layer = ref.layer;
      const oldRecord = this.records[layer].get(ref.id);
      const nextEntity = (next[layer] as ReadonlyMap<string, AreaEntity>).get(ref.id);
      if (oldRecord?.entity === nextEntity) continue;
      const oldEntity = oldRecord?.entity;
      const geometryChanged = oldEntity?.geometry !== nextEntity?.geometry;
      const codeChanged = oldEntity?.code !== nextEntity?.code;

      // Scopes that depended on the old version.
      this.markAround(layer, oldEntity, dirty, pairsToFind);
      // Existing overlaps name the entity: recompute them whatever changed (codes and names too).
      this.dropPairs(layer, ref.id, dirty);
      if (oldRecord) this.removeRecord(oldRecord);
      if (nextEntity) this.addRecord(nextEntity);
      const newRecord = this.records[layer].get(ref.id);
      this.boxes[layer].set(ref.id, newRecord ? boxOf(newRecord.polygon) : undefined);
      // Scopes that depend on the new version.
      this.markAround(layer, nextEntity, dirty, pairsToFind);
      if (nextEntity) pairsToFind.push({ layer, id: ref.id });
      if (layer === 'township') townshipsChanged = true;
      if (layer === 'community') {
        // Unassigned points are reported per community: regroup them.
        this.communityOfRowCache.clear();
        dirty.add('unassigned');
      }
      if ((layer === 'grid' || layer === 'microgrid') && (geometryChanged || codeChanged)) {
        if (oldRecord && !oldRecord.polygon.empty) recheck[layer].push(oldRecord.polygon);
        if (newRecord && !newRecord.polygon.empty) recheck[layer].push(newRecord.polygon);
      }
    }
    this.divisionValue = next;

    if (townshipsChanged) {
      // Community code prefixes and the township's coverage depend on the set of townships.
      for (const id of this.records.community.keys()) dirty.add(`entity:community:${id}`);
      for (const id of this.records.township.keys()) dirty.add(`cover:township:${id}`);
      for (const id of this.records.community.keys()) pairsToFind.push({ layer: 'community', id });
    }
    for (const { layer, id } of pairsToFind) {
      // Pair scopes that hold issues may now be siblings' (their parent's sweep reports them): recompute.
      this.dropPairs(layer, id, dirty);
      for (const scope of this.pairScopesFor(layer, id)) dirty.add(scope);
    }

    const countsChanged = new Set<string>();
    if (censusChanged) {
      this.countAll();
      for (const layer of ['grid', 'microgrid'] as const) {
        for (const id of this.records[layer].keys()) {
          dirty.add(`entity:${layer}:${id}`);
          countsChanged.add(id);
        }
      }
      dirty.add('unassigned');
      for (const id of this.records.grid.keys()) dirty.add(`unassigned-micro:${id}`);
    } else {
      for (const layer of ['grid', 'microgrid'] as const) {
        for (const id of this.reassign(layer, recheck[layer], dirty)) countsChanged.add(id);
      }
    }

    const delta = this.recompute(dirty);
    return { ...delta, countsChanged: [...countsChanged] };
  }

  // ---- records and indexes ----

  private addRecord(entity: AreaEntity): void {
    const polygon = preparePolygon(entity.geometry);
    const layer = entity.layer;
    const defects = checkGeometry(entity.geometry, { holesAllowed: this.options.holesAllowed.has(layer) });
    const record: AreaRecord = {
      entity,
      polygon,
      areaM2: polygon.empty ? 0 : polygonAreaM2(entity.geometry),
      defects,
      parts: partCount(entity.geometry),
      at: interiorPoint(polygon),
      sweepable: !isTangled(defects) && sweepSteps(polygon) <= MAX_SWEEP_STEPS,
    };
    this.records[layer].set(entity.id, record);
    addTo(this.idsByCode[layer], entity.code, entity.id);
    if (entity.layer === 'township' || entity.layer === 'community') {
      addTo(this.idsByTownshipPrefix[entity.layer], townshipPrefix(entity.code), entity.id);
      if (entity.layer === 'township') this.townshipList = undefined;
    }
    if (entity.layer === 'grid' || entity.layer === 'microgrid') {
      addTo(this.idsByParentCode[entity.layer], entity.parentCode, entity.id);
      if (!this.slotOf[entity.layer].has(entity.id)) {
        this.slotOf[entity.layer].set(entity.id, this.slotIds[entity.layer].length);
        this.slotIds[entity.layer].push(entity.id);
      }
    }
  }

  private removeRecord(record: AreaRecord): void {
    const entity = record.entity;
    this.records[entity.layer].delete(entity.id);
    removeFrom(this.idsByCode[entity.layer], entity.code, entity.id);
    if (entity.layer === 'township' || entity.layer === 'community') {
      removeFrom(this.idsByTownshipPrefix[entity.layer], townshipPrefix(entity.code), entity.id);
      if (entity.layer === 'township') this.townshipList = undefined;
    }
    if (entity.layer === 'grid' || entity.layer === 'microgrid') {
      removeFrom(this.idsByParentCode[entity.layer], entity.parentCode, entity.id);
    }
  }

  private buildIndex(layer: AreaLayer): BoxIndex {
    const entries: [string, Box][] = [];
    for (const [id, record] of this.records[layer]) {
      const box = boxOf(record.polygon);
      if (box) entries.push([id, box]);
    }
    return new BoxIndex(entries);
  }

  /** Ids of the parents (by code) of a child entity. */
  private parentIds(layer: ChildLayer, entity: AreaEntity): string[] {
    if (layer === 'community') return this.townshipIdsOf(entity.code);
    const parentCode = (entity as Grid | MicroGrid).parentCode;
    return [...(this.idsByCode[PARENT_LAYER[layer]].get(parentCode) ?? [])];
  }

  /** The townships a community belongs to: the one with its 9-digit prefix, or the only one. */
  private townshipIdsOf(communityCode: string): string[] {
    const matching = this.idsByTownshipPrefix.township.get(townshipPrefix(communityCode));
    if (matching && matching.size > 0) return [...matching];
    return this.records.township.size === 1 ? [...this.records.township.keys()] : [];
  }

  /** The children (ids) of a parent entity in coverage checks. */
  private childIds(layer: AreaLayer, parent: AreaEntity): string[] {
    if (layer === 'township') {
      // The communities whose township (see townshipIdsOf) is this one: with a sole township all of
      // them (those of another prefix belong to it too), else those carrying its prefix.
      if (this.records.township.size === 1) {
        return this.records.township.has(parent.id) ? [...this.records.community.keys()] : [];
      }
      const prefix = townshipPrefix(parent.code);
      if (!this.idsByTownshipPrefix.township.get(prefix)?.has(parent.id)) return [];
      return [...(this.idsByTownshipPrefix.community.get(prefix) ?? [])];
    }
    if (layer === 'community') return [...(this.idsByParentCode.grid.get(parent.code) ?? [])];
    if (layer === 'grid') return [...(this.idsByParentCode.microgrid.get(parent.code) ?? [])];
    return [];
  }

  /** Marks the scopes an entity version takes part in (it is in the indexes when this is called). */
  private markAround(
    layer: AreaLayer,
    entity: AreaEntity | undefined,
    dirty: Set<string>,
    pairsToFind: { layer: AreaLayer; id: string }[],
  ): void {
    if (!entity) return;
    dirty.add(`entity:${layer}:${entity.id}`);
    dirty.add(`dup:${layer}:${entity.code}`);
    if (layer !== 'township') {
      for (const parentId of this.parentIds(layer, entity))
        dirty.add(`cover:${PARENT_LAYER[layer]}:${parentId}`);
    }
    const childLayer = CHILD_LAYER[layer];
    if (childLayer) {
      // Parents sharing the code share the children: which one reports their overlaps may change.
      for (const id of this.idsByCode[layer].get(entity.code) ?? []) dirty.add(`cover:${layer}:${id}`);
      dirty.add(`cover:${layer}:${entity.id}`);
      for (const id of this.childIds(layer, entity)) pairsToFind.push({ layer: childLayer, id });
    }
    // Children name their parent by code: their missing-parent and prefix checks depend on it.
    if (layer === 'community') {
      for (const id of this.idsByParentCode.grid.get(entity.code) ?? []) dirty.add(`entity:grid:${id}`);
    }
    if (layer === 'grid') {
      for (const id of this.idsByParentCode.microgrid.get(entity.code) ?? [])
        dirty.add(`entity:microgrid:${id}`);
      dirty.add(`unassigned-micro:${entity.id}`);
    }
    if (layer === 'microgrid') {
      for (const id of this.idsByCode.grid.get((entity as MicroGrid).parentCode) ?? [])
        dirty.add(`unassigned-micro:${id}`);
    }
  }

  /** The scope key of the pair of two entities of a layer, the same whichever comes first. */
  private pairScope(layer: AreaLayer, a: string, b: string): string {
    const [first, second] = a < b ? [a, b] : [b, a];
    const scope = `pair:${layer}:${first.length}:${first}:${second}`;
    if (!this.pairRefs.has(scope)) this.pairRefs.set(scope, [layer, first, second]);
    return scope;
  }

  private dropPairs(layer: AreaLayer, id: string, dirty: Set<string>): void {
    const scopes = this.pairScopesOf.get(`${layer}:${id}`);
    if (scopes) for (const scope of scopes) dirty.add(scope);
  }

  /** Pair scopes of an entity with every candidate its box meets. */
  private pairScopesFor(layer: AreaLayer, id: string): string[] {
    if (layer === 'township') return [];
    const record = this.records[layer].get(id);
    if (!record || record.polygon.empty) return [];
    const p = record.polygon;
    const parent = this.coverParentOf(layer, record.entity);
    return this.boxes[layer]
      .search(p.minX, p.minY, p.maxX, p.maxY)
      .filter(
        (other) =>
          other !== id &&
          (parent === undefined ||
            this.coverParentOf(layer, this.records[layer].get(other)!.entity) !== parent),
      )
      .map((other) => this.pairScope(layer, id, other));
  }

  /**
   * The parent whose coverage sweep reports this entity's overlaps with its siblings (the first, by
   * id, of the parents holding its parent code), or undefined when it has none. Two entities with the
   * same cover parent are siblings: their overlap comes from that sweep, not from a pair sweep.
   */
  private coverParentOf(layer: AreaLayer, entity: AreaEntity): string | undefined {
    if (layer === 'township') return undefined;
    let first: string | undefined;
    for (const id of this.parentIds(layer, entity)) if (first === undefined || id < first) first = id;
    return first;
  }

  // ---- census ----

  private countAll(): void {
    this.table = censusTable(this.divisionValue.census);
    this.unassignedRows.clear();
    this.communityOfRowCache.clear();
    for (const layer of ['grid', 'microgrid'] as const) {
      const ranked: RankedArea[] = [...this.records[layer].values()]
        .map((record) => ({ id: record.entity.id, code: record.entity.code, polygon: record.polygon }))
        .sort(compareByCode);
      // Most divisions have no micro-grids: no need to walk a million points for nothing.
      const byRank =
        ranked.length > 0
          ? assignRows(this.table, ranked, this.options.toleranceDeg)
          : new Int32Array(this.table.ids.length).fill(-1);
      // Per rank, the slot and the sums: a million rows must not each look ids up in maps.
      const slotOfRank = Int32Array.from(ranked, (area) => this.slotOf[layer].get(area.id)!);
      const householdsOf = new Float64Array(ranked.length);
      const populationOf = new Float64Array(ranked.length);
      const pointsOf = new Uint32Array(ranked.length);
      const owner = new Int32Array(byRank.length);
      const { households, population } = this.table;
      for (let row = 0; row < byRank.length; row++) {
        const rank = byRank[row]!;
        if (rank < 0) {
          owner[row] = -1;
          if (layer === 'grid') this.unassignedRows.add(row);
          continue;
        }
        owner[row] = slotOfRank[rank]!;
        householdsOf[rank] = householdsOf[rank]! + households[row]!;
        populationOf[rank] = populationOf[rank]! + population[row]!;
        pointsOf[rank] = pointsOf[rank]! + 1;
      }
      const tallies = new Map<string, CensusTally>(
        ranked.map((area, rank) => [
          area.id,
          { households: householdsOf[rank]!, population: populationOf[rank]!, points: pointsOf[rank]! },
        ]),
      );
      this.owner[layer] = owner;
      this.tallies[layer] = tallies;
    }
  }

  /** Re-assigns the points inside the given boxes; returns ids whose counts changed. */
  private reassign(layer: CensusLayer, boxes: readonly Box[], dirty: Set<string>): Set<string> {
    const changed = new Set<string>();
    if (boxes.length === 0) return changed;
    const tol = this.options.toleranceDeg;
    const rows = new Set<number>();
    for (const box of boxes) {
      for (const row of rowsInBox(this.table, box.minX - tol, box.minY - tol, box.maxX + tol, box.maxY + tol))
        rows.add(row);
    }
    const owner = this.owner[layer];
    const { lon, lat } = this.table;
    for (const row of rows) {
      const x = lon[row]!;
      const y = lat[row]!;
      let best: AreaRecord | undefined;
      let bestStrength: number = PointLocation.outside;
      for (const id of this.boxes[layer].search(x - tol, y - tol, x + tol, y + tol)) {
        const record = this.records[layer].get(id)!;
        const location = locatePoint(record.polygon, x, y, tol);
        if (location === PointLocation.outside) continue;
        if (
          location > bestStrength ||
          (location === bestStrength && best && compareByCode(record.entity, best.entity) < 0)
        ) {
          best = record;
          bestStrength = location;
        }
      }
      const previousSlot = owner[row]!;
      const nextSlot = best ? this.slotOf[layer].get(best.entity.id)! : -1;
      if (previousSlot === nextSlot) continue;
      owner[row] = nextSlot;
      const previousId = previousSlot >= 0 ? this.slotIds[layer][previousSlot]! : undefined;
      const nextId = best?.entity.id;
      if (previousId !== undefined) {
        const tally = this.tallies[layer].get(previousId);
        if (tally) {
          tally.households -= this.table.households[row]!;
          tally.population -= this.table.population[row]!;
          tally.points--;
        }
        changed.add(previousId);
      }
      if (nextId !== undefined) {
        let tally = this.tallies[layer].get(nextId);
        if (!tally) {
          tally = { households: 0, population: 0, points: 0 };
          this.tallies[layer].set(nextId, tally);
        }
        tally.households += this.table.households[row]!;
        tally.population += this.table.population[row]!;
        tally.points++;
        changed.add(nextId);
      }
      if (layer === 'grid') {
        if (nextSlot < 0) this.unassignedRows.add(row);
        else this.unassignedRows.delete(row);
        dirty.add('unassigned');
      }
    }
    for (const id of changed) {
      dirty.add(`entity:${layer}:${id}`);
      if (layer === 'grid') dirty.add(`unassigned-micro:${id}`);
      else {
        const microgrid = this.records.microgrid.get(id)?.entity as MicroGrid | undefined;
        for (const gridId of microgrid ? (this.idsByCode.grid.get(microgrid.parentCode) ?? []) : []) {
          dirty.add(`unassigned-micro:${gridId}`);
        }
      }
    }
    // Tallies of deleted areas are dropped once nothing points at them.
    for (const id of [...this.tallies[layer].keys()])
      if (!this.records[layer].has(id)) this.tallies[layer].delete(id);
    return changed;
  }

  /** Rows of a grid's points that are in none of the micro-grids. */
  private rowsOutsideMicrogrids(gridId: string): number[] {
    const record = this.records.grid.get(gridId);
    const slot = this.slotOf.grid.get(gridId);
    if (!record || record.polygon.empty || slot === undefined) return [];
    const p = record.polygon;
    const tol = this.options.toleranceDeg;
    const gridOwner = this.owner.grid;
    const microOwner = this.owner.microgrid;
    return rowsInBox(this.table, p.minX - tol, p.minY - tol, p.maxX + tol, p.maxY + tol)
      .filter((row) => gridOwner[row] === slot && microOwner[row]! < 0)
      .sort((a, b) => a - b);
  }

  // ---- scopes ----

  private computeAll(): void {
    const dirty = new Set<string>();
    for (const layer of AREA_LAYERS) {
      for (const [id, record] of this.records[layer]) {
        dirty.add(`entity:${layer}:${id}`);
        dirty.add(`dup:${layer}:${record.entity.code}`);
        if (CHILD_LAYER[layer]) dirty.add(`cover:${layer}:${id}`);
        if (layer !== 'township') {
          for (const scope of this.pairScopesFor(layer, id)) dirty.add(scope);
        }
      }
    }
    dirty.add('unassigned');
    for (const id of this.records.grid.keys()) dirty.add(`unassigned-micro:${id}`);
    this.recompute(dirty);
  }

  private recompute(dirty: ReadonlySet<string>): Omit<ValidationDelta, 'countsChanged'> {
    const removed: string[] = [];
    const added: ValidationIssue[] = [];
    for (const scope of dirty) {
      const before = this.scopes.get(scope);
      const after = this.computeScope(scope);
      if (after.length > 0) this.scopes.set(scope, after);
      else if (before) this.scopes.delete(scope);
      if ((before || after.length > 0) && scope.startsWith('pair:'))
        this.registerPair(scope, after.length > 0);
      // Most scopes had and have no issue: nothing to compare.
      if (!before) {
        appendAll(added, after);
        continue;
      }
      const beforeByKey = new Map(before.map((issue) => [issue.key, issue]));
      for (const issue of after) {
        const old = beforeByKey.get(issue.key);
        beforeByKey.delete(issue.key);
        if (!old || JSON.stringify(old) !== JSON.stringify(issue)) added.push(issue);
      }
      appendAll(removed, beforeByKey.keys());
    }
    if (removed.length > 0 || added.length > 0) this.sortedIssues = undefined;
    return { removed, added, scopesRecomputed: dirty.size };
  }

  private registerPair(scope: string, hasIssues: boolean): void {
    const [layer, a, b] = this.pairRefs.get(scope)!;
    for (const id of [a, b]) {
      const key = `${layer}:${id}`;
      let set = this.pairScopesOf.get(key);
      if (hasIssues) {
        if (!set) {
          set = new Set();
          this.pairScopesOf.set(key, set);
        }
        set.add(scope);
      } else if (set) {
        set.delete(scope);
        if (set.size === 0) this.pairScopesOf.delete(key);
      }
    }
  }

  private computeScope(scope: string): ValidationIssue[] {
    if (scope === 'unassigned') return this.unassignedIssues();
    const colon = scope.indexOf(':');
    const kind = scope.slice(0, colon);
    const rest = scope.slice(colon + 1);
    switch (kind) {
      case 'entity': {
        const [layer, id] = splitOnce(rest) as [AreaLayer, string];
        const record = this.records[layer].get(id);
        return record ? entityIssues(record.entity, record, this.entityContext()) : [];
      }
      case 'dup': {
        const [layer, code] = splitOnce(rest) as [AreaLayer, string];
        return this.duplicateIssues(layer, code);
      }
      case 'cover': {
        const [layer, id] = splitOnce(rest) as [AreaLayer, string];
        return this.coverIssues(layer, id);
      }
      case 'pair': {
        const [layer, a, b] = this.pairRefs.get(scope)!;
        return this.overlapIssues(layer, a, b);
      }
      case 'unassigned-micro':
        return this.microUnassignedIssues(rest);
      default:
        return [];
    }
  }

  private context: EntityContext | undefined;

  /** The view of the division entity checks need; it reads live state, so it is built once. */
  private entityContext(): EntityContext {
    this.context ??= {
      ruleSet: this.ruleSet,
      gridTemplate: this.gridTemplate,
      microgridTemplate: this.microgridTemplate,
      parentExists: (layer, parentCode) =>
        (this.idsByCode[layer === 'grid' ? 'community' : 'grid'].get(parentCode)?.size ?? 0) > 0,
      townships: () =>
        (this.townshipList ??= [...this.records.township.values()].map(
          (record) => record.entity as Township,
        )),
      tally: (layer, id) => this.tally(layer, id),
    };
    return this.context;
  }

  private duplicateIssues(layer: AreaLayer, code: string): ValidationIssue[] {
    if (code.trim() === '') return [];
    const ids = [...(this.idsByCode[layer].get(code) ?? [])].sort();
    if (ids.length < 2) return [];
    return duplicateCodeIssues(layer, code, ids, this.records[layer].get(ids[0]!)!.at);
  }

  private overlapIssues(layer: AreaLayer, a: string, b: string): ValidationIssue[] {
    const ra = this.records[layer].get(a);
    const rb = this.records[layer].get(b);
    if (!ra || !rb) return [];
    // Siblings' overlaps come from their parent's coverage sweep.
    const parent = this.coverParentOf(layer, ra.entity);
    if (parent !== undefined && parent === this.coverParentOf(layer, rb.entity)) return [];
    const pieces = measured(() => overlapPieces(ra.polygon, rb.polygon), [ra, rb]);
    if (pieces === TOO_COMPLEX) {
      const [first, second] = compareByCode(ra.entity, rb.entity) <= 0 ? [ra, rb] : [rb, ra];
      return [tooComplexPairIssue(layer, first.entity, second.entity, first.at)];
    }
    const issue = this.overlapIssue(layer, ra, rb, pieces);
    return issue ? [issue] : [];
  }

  /** The overlap issue of two entities from their overlap pieces, or undefined when none is significant. */
  private overlapIssue(
    layer: AreaLayer,
    ra: AreaRecord,
    rb: AreaRecord,
    allPieces: readonly Piece[],
  ): ValidationIssue | undefined {
    return overlapIssues(layer, ra.entity, rb.entity, significantPieces(allPieces, this.tolerance))[0];
  }

  private coverIssues(layer: AreaLayer, parentId: string): ValidationIssue[] {
    const childLayer = CHILD_LAYER[layer];
    const parent = this.records[layer].get(parentId);
    if (!childLayer || !parent) return [];
    const childIds = this.childIds(layer, parent.entity).sort();
    // A grid without micro-grids is not divided further: nothing to cover.
    if (layer === 'grid' && childIds.length === 0) return [];
    const children = childIds.map((id) => this.records[childLayer].get(id)!);
    const coverage = measured(
      () =>
        parentCoverage(
          parent.polygon,
          children.map((child) => child.polygon),
        ),
      [parent, ...children],
    );
    if (coverage === TOO_COMPLEX) return [tooComplexCoverIssue(layer, parent.entity, childLayer, parent.at)];
    const issues: ValidationIssue[] = gapIssues(
      layer,
      parent.entity,
      childLayer,
      significantPieces(coverage.gaps, this.tolerance),
    );
    children.forEach((child, i) => {
      const pieces = significantPieces(coverage.outside[i]!, this.tolerance);
      issues.push(
        ...outsideParentIssues(layer, parent.entity, childLayer, child.entity, pieces, this.ruleSet),
      );
    });
    // Overlaps of children whose cover parent is this one (with duplicated parent codes, another
    // parent may be theirs; its sweep reports them).
    const ours = children.map((child) => this.coverParentOf(childLayer, child.entity) === parentId);
    for (const { first, second, pieces } of coverage.overlaps) {
      if (!ours[first] || !ours[second]) continue;
      const issue = this.overlapIssue(childLayer, children[first]!, children[second]!, pieces);
      if (issue) issues.push(issue);
    }
    return issues;
  }

  private unassignedIssues(): ValidationIssue[] {
    const rows = [...this.unassignedRows].sort((a, b) => a - b);
    const byCommunity = new Map<string | undefined, number[]>();
    for (const row of rows) {
      const community = this.communityOfRow(row);
      const list = byCommunity.get(community);
      if (list) list.push(row);
      else byCommunity.set(community, [row]);
    }
    return [...byCommunity].map(([communityId, groupRows]) =>
      unassignedGroupIssue(
        this.groupOf(groupRows),
        communityId === undefined
          ? undefined
          : (this.records.community.get(communityId)?.entity as Community | undefined),
        undefined,
      ),
    );
  }

  /**
   * The community a census point lies in (the first by code when communities overlap), or undefined;
   * remembered until the communities or the census change.
   */
  private communityOfRow(row: number): string | undefined {
    if (this.communityOfRowCache.has(row)) return this.communityOfRowCache.get(row) ?? undefined;
    const x = this.table.lon[row]!;
    const y = this.table.lat[row]!;
    const tol = this.options.toleranceDeg;
    let best: AreaRecord | undefined;
    if (Number.isFinite(x) && Number.isFinite(y)) {
      for (const id of this.boxes.community.search(x - tol, y - tol, x + tol, y + tol)) {
        const record = this.records.community.get(id)!;
        if (locatePoint(record.polygon, x, y, tol) === PointLocation.outside) continue;
        if (!best || compareByCode(record.entity, best.entity) < 0) best = record;
      }
    }
    this.communityOfRowCache.set(row, best?.entity.id ?? null);
    return best?.entity.id;
  }

  /** The sums of a group of census rows (in table order). */
  private groupOf(rows: readonly number[]): UnassignedGroup {
    let households = 0;
    let population = 0;
    for (const row of rows) {
      households += this.table.households[row]!;
      population += this.table.population[row]!;
    }
    const firstId = this.table.ids[rows[0]!]!;
    return {
      pointIds: rows.map((row) => this.table.ids[row]!),
      households,
      population,
      at: this.pointAt(rows[0]!),
      first: this.censusPointOfRow(rows[0]!, firstId),
    };
  }

  /**
   * The census point of table row `row` (id `id`): from the columns the table shares with a columnar
   * census, so that a city read as columns never builds its map of a million ids for this.
   */
  private censusPointOfRow(row: number, id: string): CensusPoint | undefined {
    const census = this.divisionValue.census;
    if (census instanceof ColumnarCensus && census.columns.ids === this.table.ids) return census.at(row);
    return census.get(id);
  }

  private pointAt(row: number): [number, number] {
    const x = this.table.lon[row]!;
    const y = this.table.lat[row]!;
    return Number.isFinite(x) && Number.isFinite(y) ? [x, y] : [0, 0];
  }

  private microUnassignedIssues(gridId: string): ValidationIssue[] {
    const record = this.records.grid.get(gridId);
    if (!record || (this.idsByParentCode.microgrid.get(record.entity.code)?.size ?? 0) === 0) return [];
    const rows = this.rowsOutsideMicrogrids(gridId);
    if (rows.length === 0) return [];
    return [unassignedGroupIssue(this.groupOf(rows), undefined, record.entity as Grid)];
  }
}

/** The township part of a township's or community's code (digits 1–9). */
function townshipPrefix(code: string): string {
  return code.slice(0, 9);
}

function addTo(map: Map<string, Set<string>>, key: string, id: string): void {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  set.add(id);
}

function removeFrom(map: Map<string, Set<string>>, key: string, id: string): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(id);
  if (set.size === 0) map.delete(key);
}

function splitOnce(value: string): [string, string] {
  const i = value.indexOf(':');
  return [value.slice(0, i), value.slice(i + 1)];
}
