import { Tooltip } from 'antd';
import { useT } from '../i18n/I18nProvider';
import { LIVE_FALLBACK_POLL_MS, type LiveState } from '../services/live';
import { StatusTag, type Tone } from './StatusTag';

const TONES: Record<LiveState, Tone> = { live: 'success', connecting: 'neutral', offline: 'warning' };
const WORDS = {
  live: 'common.liveLive',
  connecting: 'common.liveConnecting',
  offline: 'common.liveOffline',
} as const;
const HINTS = {
  live: 'common.liveLiveHint',
  connecting: 'common.liveConnectingHint',
  offline: 'common.liveOfflineHint',
} as const;

/** A small tag that says whether the page follows the server live or polls while the socket is down. */
export function LiveIndicator({ state }: { state: LiveState }) {
  const t = useT();
  const hint = t(HINTS[state], { seconds: LIVE_FALLBACK_POLL_MS / 1000 });
  return (
    <Tooltip title={hint}>
      <span role="status" aria-label={hint} data-testid="live-state" data-state={state}>
        <StatusTag tone={TONES[state]}>{t(WORDS[state])}</StatusTag>
      </span>
    </Tooltip>
  );
}
