import type { Language, Result, RuleSet } from '../model';
import { builtinRuleSetOrDefault } from '../model';
import { validateDivision } from '../validate/validate-division';
import type { ValidationReport } from '../validate/validation-report';
import type { CityDatabase } from './city-database';
import { numberColumn, stringColumn } from './city-database';
import type { FilingComment } from './filing-comments';
import { commentsOfFilings } from './filing-comments';
import { loadCityDivision } from './load-city-division';

/** Totals of one township or county in the city report (optional members of the report). */
export interface CityTotals {
  readonly code: string;
  readonly name?: string;
  /** For a township: its county's code (first six digits). */
  readonly county?: string;
  /** For a county: how many townships have filed. */
  readonly townships?: number;
  readonly grids: number;
  readonly households: number;
  readonly population: number;
  /** Issues naming one of its grids (an issue between two townships counts for both). */
  readonly errors: number;
  readonly warnings: number;
  /** The filing whose grids are current. */
  readonly filing?: number;
  /** For a township: the remarks on its current filing (`city file --note`, `city comment`), if any. */
  readonly comments?: readonly FilingComment[];
}

/**
 * The report of `city check`: exactly `gridplan validate`'s report (../shared/spec/interchange.md) over
 * the whole city, plus the optional members `townships` and `counties` with their totals.
 */
export interface CityReport extends ValidationReport {
  readonly townships: readonly CityTotals[];
  readonly counties: readonly CityTotals[];
}

const TOTALS = `
  SELECT township_code, count(*) AS grids, coalesce(sum(households), 0) AS households,
         coalesce(sum(population), 0) AS population
  FROM grids WHERE valid_to IS NULL AND ($1::text IS NULL OR county_code = $1)
  GROUP BY township_code`;

/** Options of {@link checkCity}. */
export interface CheckCityOptions {
  /** The rule set; default the one the townships filed under (all the same), else zigong. */
  readonly ruleSet?: RuleSet;
  readonly minAreaM2?: number;
  readonly lang?: Language;
  /** Only this county (6-digit code). */
  readonly county?: string;
}

/**
 * Checks the whole city with GridPlan's own validator on what the database returns: overlaps between
 * townships' grids, gaps along shared borders (where township polygons were filed), city-wide duplicate
 * codes, every rule of `gridplan validate`; then totals per township and county.
 */
export async function checkCity(
  db: CityDatabase,
  options: CheckCityOptions = {},
): Promise<Result<CityReport>> {
  const loaded = await loadCityDivision(db, options.county);
  if (!loaded.ok) return loaded;
  const { division, townships, gridTownships } = loaded.value;
  const ruleSet = options.ruleSet ?? builtinRuleSetOrDefault(division.meta.ruleSetId);
  const report = validateDivision(division, ruleSet, {
    minAreaM2: options.minAreaM2 ?? 1,
    lang: options.lang ?? 'zh',
  });

  const issueCounts = new Map<string, { errors: number; warnings: number }>();
  for (const issue of report.issues) {
    const touched = new Set<string>();
    for (const code of issue.codes) {
      for (const township of gridTownships.get(code) ?? [`${code.slice(0, 9)}000`]) touched.add(township);
    }
    for (const township of touched) {
      const counts = issueCounts.get(township) ?? { errors: 0, warnings: 0 };
      if (issue.severity === 'error') counts.errors++;
      else counts.warnings++;
      issueCounts.set(township, counts);
    }
  }
  const totals = new Map(
    (await db.query(TOTALS, [options.county ?? null])).map((row) => [
      stringColumn(row, 'township_code'),
      row,
    ]),
  );
  const remarks = await commentsOfFilings(
    db,
    townships.flatMap((township) => (township.filingId !== undefined ? [township.filingId] : [])),
  );
  const townshipTotals: CityTotals[] = townships.map((township) => {
    const row = totals.get(township.code) ?? {};
    const issues = issueCounts.get(township.code) ?? { errors: 0, warnings: 0 };
    const comments = township.filingId !== undefined ? remarks.get(township.filingId) : undefined;
    return {
      code: township.code,
      name: township.name,
      county: township.countyCode,
      grids: numberColumn(row, 'grids'),
      households: numberColumn(row, 'households'),
      population: numberColumn(row, 'population'),
      errors: issues.errors,
      warnings: issues.warnings,
      ...(township.filingId !== undefined ? { filing: township.filingId } : {}),
      ...(comments ? { comments } : {}),
    };
  });
  const counties = new Map<string, CityTotals>();
  for (const township of townshipTotals) {
    const county = township.county ?? township.code.slice(0, 6);
    const sum = counties.get(county) ?? {
      code: county,
      townships: 0,
      grids: 0,
      households: 0,
      population: 0,
      errors: 0,
      warnings: 0,
    };
    counties.set(county, {
      code: county,
      townships: (sum.townships ?? 0) + 1,
      grids: sum.grids + township.grids,
      households: sum.households + township.households,
      population: sum.population + township.population,
      errors: sum.errors + township.errors,
      warnings: sum.warnings + township.warnings,
    });
  }
  return {
    ok: true,
    value: { ...report, townships: townshipTotals, counties: [...counties.values()] },
  };
}
