import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEscapeToClose } from '../shell/use-escape-to-close';
import type { Change, Division, Language, LocalText, ReferenceLayer, RuleSet } from '../../shared/model';
import { change } from '../../shared/model';
import { drawDivisionMap } from '../../shared/report/draw-division-map';
import { sceneToSvg } from '../../shared/report/scene-to-svg';
import { downloadBytes } from '../platform/download-bytes';
import { FONT_LICENSE_URL, fontUrls } from './font-urls';
import { makePdf } from './print-client';
import './print-dialog.css';

/** Props of {@link PrintDialog}. */
export interface PrintDialogProps {
  readonly division: Division;
  readonly language: Language;
  readonly ruleSet: RuleSet;
  /** The community preselected for the notice (the selected grid's), or '' for the township. */
  readonly community: string;
  /** The project's reference layers (streets name the four boundaries); none until a project has them. */
  readonly referenceLayers?: readonly ReferenceLayer[];
  /** Applies an undoable change (the township's supervision phone). */
  readonly onChange: (change: Change) => void;
  /** The document shown cannot be changed (a version, a package): the phone is shown, not editable. */
  readonly readOnly?: boolean;
  readonly onDone: (title: string, lines: readonly LocalText[], failed: boolean) => void;
  readonly onClose: () => void;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * 公示 / 审核报告: the notice PDF for the township or one community, the reviewer's report PDF, and the
 * township's supervision phone (监督电话) printed on the notices. PDFs are made in a worker and saved as
 * downloads; the project is only changed by saving the phone (one undoable change).
 */
export function PrintDialog(props: PrintDialogProps) {
  const { t } = useTranslation();
  const township = [...props.division.township.values()][0];
  const [community, setCommunity] = useState(props.community);
  const [phone, setPhone] = useState(township?.supervisionPhone ?? '');
  const [busy, setBusy] = useState(false);
  useEscapeToClose(props.onClose, !busy);
  const communities = [...props.division.community.values()].sort((a, b) => a.code.localeCompare(b.code));
  const baseName = township?.name || props.division.meta.name || 'gridplan';

  async function run(type: 'notice' | 'report') {
    setBusy(true);
    const date = today();
    const result = await makePdf(
      type === 'notice'
        ? {
            type,
            division: props.division,
            communities: community ? [community] : [],
            referenceLayers: props.referenceLayers,
            lang: props.language,
            date,
            fonts: fontUrls(),
          }
        : {
            type,
            division: props.division,
            ruleSet: props.ruleSet,
            referenceLayers: props.referenceLayers,
            lang: props.language,
            date,
            fonts: fontUrls(),
          },
    );
    setBusy(false);
    if (!result.ok) {
      props.onDone(
        t('print.failed'),
        result.problems.map((p) => p.message),
        true,
      );
      return;
    }
    const scope =
      type === 'notice' && community
        ? `-${communities.find((c) => c.code === community)?.name ?? community}`
        : '';
    const name = `${baseName}${scope}-${type === 'notice' ? (props.language === 'zh' ? '公示' : 'notice') : props.language === 'zh' ? '审核报告' : 'review-report'}-${date}.pdf`;
    downloadBytes(name, result.value, 'application/pdf');
    props.onDone(t('print.done', { name }), [], false);
  }

  // The notice's own drawing (the same Scene the PDF renders), as SVG: what will be printed, at a glance.
  const preview = useMemo(() => {
    const focus = new Set(
      [...props.division.grid.values()]
        .filter((g) => !community || g.parentCode === community)
        .map((g) => g.id),
    );
    const { scene } = drawDivisionMap(props.division, {
      box: { x: 0, y: 0, width: 440, height: 260 },
      colourBy: 'community',
      focusGridIds: community ? focus : undefined,
      labels: 'none',
      referenceLayers: props.referenceLayers,
      lang: props.language,
    });
    return sceneToSvg(scene, 'print-preview');
  }, [props.division, props.referenceLayers, props.language, community]);

  const phoneChanged = township !== undefined && phone.trim() !== (township.supervisionPhone ?? '');
  return (
    <div className="modal-backdrop" role="presentation">
      <div
        className="modal print-dialog"
        role="dialog"
        aria-label={t('print.heading')}
        data-testid="print-dialog"
      >
        <h2>{t('print.heading')}</h2>
        <label>
          {t('print.scope')}
          <select
            value={community}
            onChange={(event) => setCommunity(event.target.value)}
            data-testid="print-community"
          >
            <option value="">{t('print.wholeTownship')}</option>
            {communities.map((c) => (
              <option key={c.id} value={c.code}>
                {c.name}
                {t('punct.inParens', { inner: c.code })}
              </option>
            ))}
          </select>
        </label>
        <div
          className="print-preview"
          data-testid="print-preview"
          // Markup made by shared/report/scene-to-svg.ts from the division, with every text escaped.
          dangerouslySetInnerHTML={{ __html: preview }}
        />
        {township && (
          <label>
            {t('print.supervisionPhone')}
            <span className="print-phone">
              <input
                value={phone}
                onChange={(event) => setPhone(event.target.value)}
                disabled={props.readOnly}
                data-testid="print-phone"
              />
              <button
                type="button"
                disabled={!phoneChanged || busy || props.readOnly}
                onClick={() => {
                  const trimmed = phone.trim();
                  const { supervisionPhone: _old, ...rest } = township;
                  void _old;
                  props.onChange(
                    change(t('print.editNote'), [trimmed ? { ...rest, supervisionPhone: trimmed } : rest]),
                  );
                }}
                data-testid="print-save-phone"
              >
                {t('print.savePhone')}
              </button>
            </span>
          </label>
        )}
        <small>
          {t('print.privacy')}{' '}
          <a href={FONT_LICENSE_URL} download="NotoSansSC-OFL.txt">
            {t('print.license')}
          </a>
        </small>
        {busy && <p className="print-busy">{t('print.busy')}</p>}
        <div className="modal-buttons">
          <button type="button" onClick={props.onClose} disabled={busy}>
            {t('print.close')}
          </button>
          <button type="button" onClick={() => void run('report')} disabled={busy} data-testid="print-report">
            {t('print.report')}
          </button>
          <button
            type="button"
            className="primary"
            onClick={() => void run('notice')}
            disabled={busy}
            data-testid="print-notice"
          >
            {t('print.notice')}
          </button>
        </div>
      </div>
    </div>
  );
}
