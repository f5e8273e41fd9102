import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  communityAttributeProblems,
  editCommunityCommand,
  editTownshipCommand,
  townshipAttributeProblems,
} from '../../shared/commands/edit-area-attributes-command';
import type {
  Change,
  Community,
  CommunityKind,
  Division,
  Language,
  Problem,
  Result,
  RuleSet,
  Township,
} from '../../shared/model';
import { COMMUNITY_KINDS } from '../../shared/model';
import type { DivisionFigures } from '../derive/grid-figures';
import { FormFields } from './form-fields';
import { formatCount } from './format';
import { MicrogridFacts } from './microgrid-facts';

/** A community, township or micro-grid chosen in the tree for the 属性 tab. */
export interface AreaSelection {
  readonly layer: 'community' | 'township' | 'microgrid';
  readonly id: string;
}

export interface AreaAttributePanelProps {
  readonly division: Division;
  readonly area: AreaSelection;
  readonly figures: DivisionFigures | null;
  readonly ruleSet: RuleSet;
  readonly language: Language;
  /** Stores the change through the editor session (undoable), or reports why it was refused. */
  readonly commit: (result: Result<Change>) => void;
  /** The document shown cannot be changed: the fields are shown disabled. */
  readonly readOnly?: boolean;
}

/**
 * The 属性 tab for a community (name, code, type 城镇/农村, its grids' household target) or a township
 * (name, code, 监督电话). Saving is one undoable change; what is wrong is said under the form and the
 * save button waits until it is right.
 */
export function AreaAttributePanel(props: AreaAttributePanelProps) {
  const { division, area } = props;
  if (area.layer === 'microgrid') {
    const microgrid = division.microgrid.get(area.id);
    return microgrid ? (
      <MicrogridFacts
        division={division}
        microgrid={microgrid}
        figure={props.figures?.microgrids.get(area.id)}
      />
    ) : null;
  }
  if (area.layer === 'community') {
    const community = division.community.get(area.id);
    // Keyed by the object: an edit, undo or redo replaces it and the form starts again from it.
    return community ? (
      <CommunityForm
        key={JSON.stringify({ ...community, geometry: null })}
        {...props}
        community={community}
      />
    ) : null;
  }
  const township = division.township.get(area.id);
  return township ? (
    <TownshipForm key={JSON.stringify({ ...township, geometry: null })} {...props} township={township} />
  ) : null;
}

/** The name and code inputs every area form starts with. */
function NameAndCode(props: {
  readonly name: string;
  readonly code: string;
  readonly onName: (name: string) => void;
  readonly onCode: (code: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <label>
        {t('area.name')}
        <input
          value={props.name}
          onChange={(event) => props.onName(event.target.value)}
          data-testid="area-name"
        />
      </label>
      <label title={t('area.codeHint')}>
        {t('area.code')}
        <input
          value={props.code}
          inputMode="numeric"
          onChange={(event) => props.onCode(event.target.value)}
          data-testid="area-code"
        />
      </label>
    </>
  );
}

/** What is wrong with a changed form, and the save button that waits until nothing is. */
function SaveFooter(props: {
  readonly problems: readonly Problem[];
  readonly dirty: boolean;
  readonly language: Language;
}) {
  const { t } = useTranslation();
  const shown = props.dirty ? props.problems : [];
  return (
    <>
      {shown.length > 0 && (
        <ul className="field-error" data-testid="area-problems">
          {shown.map((problem, index) => (
            <li key={index}>{problem.message[props.language]}</li>
          ))}
        </ul>
      )}
      <button
        type="submit"
        className="primary"
        disabled={!props.dirty || props.problems.length > 0}
        data-testid="area-save"
      >
        {t('area.save')}
      </button>
    </>
  );
}

function CommunityForm({
  division,
  community,
  figures,
  ruleSet,
  language,
  commit,
  readOnly = false,
}: AreaAttributePanelProps & { community: Community }) {
  const { t } = useTranslation();
  const [name, setName] = useState(community.name);
  const [code, setCode] = useState(community.code);
  const [kind, setKind] = useState<CommunityKind | ''>(community.kind ?? '');
  const attributes = { name, code, kind: kind === '' ? null : kind };
  const problems = communityAttributeProblems(division, community.id, attributes);
  const dirty =
    name.trim() !== community.name || code.trim() !== community.code || attributes.kind !== community.kind;
  const grids = [...division.grid.values()].filter((grid) => grid.parentCode === community.code).length;
  const households = figures?.pending ? null : (figures?.byCommunity.get(community.code)?.households ?? 0);
  const target = kind === '' ? null : kind === 'urban' ? ruleSet.urban : ruleSet.rural;
  const range = !target
    ? t('area.gridTargetNone')
    : target.minHouseholds !== undefined && target.maxHouseholds !== undefined
      ? t('target.range', { min: target.minHouseholds, max: target.maxHouseholds })
      : t('target.none');
  return (
    <form
      className="attribute-form"
      data-testid="community-form"
      onSubmit={(event) => {
        event.preventDefault();
        const note = t('area.note', { layer: t('area.communityLayer'), code: community.code });
        commit(editCommunityCommand(division, community.id, attributes, note));
      }}
    >
      <h3>{t('area.communityHeading')}</h3>
      <dl className="attribute-facts">
        <dt>{t('area.grids')}</dt>
        <dd data-testid="area-grids">{grids}</dd>
        <dt>{t('area.households')}</dt>
        <dd>
          {households === null
            ? t('status.computing')
            : t('units.households', { value: formatCount(households) })}
        </dd>
        <dt>{t('area.gridTarget')}</dt>
        <dd data-testid="area-target" title={t('area.gridTargetNote', { ruleSet: ruleSet.name[language] })}>
          {range}
        </dd>
      </dl>
      <FormFields readOnly={readOnly}>
        <NameAndCode name={name} code={code} onName={setName} onCode={setCode} />
        {code.trim() !== community.code && grids > 0 && (
          <small className="field-note">{t('area.codeMoves', { count: grids })}</small>
        )}
        <label>
          {t('area.kind')}
          <select
            value={kind}
            onChange={(event) => setKind(event.target.value as CommunityKind | '')}
            data-testid="area-kind"
          >
            <option value="">{t('area.kindUnset')}</option>
            {COMMUNITY_KINDS.map((option) => (
              <option key={option} value={option}>
                {t(`area.kinds.${option}`)}
              </option>
            ))}
          </select>
        </label>
        <small className="field-note">{t('area.gridTargetNote', { ruleSet: ruleSet.name[language] })}</small>
        <SaveFooter problems={problems} dirty={dirty} language={language} />
      </FormFields>
    </form>
  );
}

function TownshipForm({
  division,
  township,
  language,
  commit,
  readOnly = false,
}: AreaAttributePanelProps & { township: Township }) {
  const { t } = useTranslation();
  const [name, setName] = useState(township.name);
  const [code, setCode] = useState(township.code);
  const [phone, setPhone] = useState(township.supervisionPhone ?? '');
  const attributes = { name, code, supervisionPhone: phone };
  const problems = townshipAttributeProblems(attributes);
  const dirty =
    name.trim() !== township.name ||
    code.trim() !== township.code ||
    phone.trim() !== (township.supervisionPhone ?? '');
  return (
    <form
      className="attribute-form"
      data-testid="township-form"
      onSubmit={(event) => {
        event.preventDefault();
        const note = t('area.note', { layer: t('area.townshipLayer'), code: township.code });
        commit(editTownshipCommand(division, township.id, attributes, note));
      }}
    >
      <h3>{t('area.townshipHeading')}</h3>
      <FormFields readOnly={readOnly}>
        <NameAndCode name={name} code={code} onName={setName} onCode={setCode} />
        <label title={t('area.supervisionPhoneHint')}>
          {t('area.supervisionPhone')}
          <input
            value={phone}
            inputMode="tel"
            placeholder="0813-2201234"
            onChange={(event) => setPhone(event.target.value)}
            data-testid="area-phone"
          />
        </label>
        <SaveFooter problems={problems} dirty={dirty} language={language} />
      </FormFields>
    </form>
  );
}
