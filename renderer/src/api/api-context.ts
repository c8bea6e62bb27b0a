import { createContext, useContext, useEffect, useState } from 'react';
import type { DelineateBridge } from '../../../core/api/bridge.js';
import type { Api, JobProgress } from '../../../core/api/contract.js';

export interface ApiContextValue {
  readonly api: Api;
  readonly bridge: DelineateBridge;
}

export const ApiContext = createContext<ApiContextValue | null>(null);

export function useApi(): Api {
  const value = useContext(ApiContext);
  if (!value) throw new Error('useApi outside ApiContext');
  return value.api;
}

/** The latest progress of one job (null before the first event or without a job). */
export function useJobProgress(jobId: string | null): JobProgress | null {
  const value = useContext(ApiContext);
  const [progress, setProgress] = useState<JobProgress | null>(null);
  useEffect(() => {
    setProgress(null);
    if (!value || jobId === null) return undefined;
    return value.bridge.onEvent((event) => {
      if (event.type === 'progress' && event.jobId === jobId) setProgress(event.progress);
    });
  }, [value, jobId]);
  return progress;
}
