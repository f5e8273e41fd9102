import { useState } from 'react';

const AUTHOR_KEY = 'gridplan.reviewAuthor';

function remembered(): string {
  try {
    return localStorage.getItem(AUTHOR_KEY) ?? '';
  } catch {
    return '';
  }
}

function remember(name: string): void {
  try {
    localStorage.setItem(AUTHOR_KEY, name);
  } catch {
    // Without localStorage the name is asked again next time.
  }
}

/** Who submits (提交人), remembered in this browser/app for the next time. */
export function useReviewAuthor(): readonly [string, (name: string) => void] {
  const [author, setAuthorState] = useState(remembered);
  const setAuthor = (name: string): void => {
    setAuthorState(name);
    remember(name);
  };
  return [author, setAuthor];
}
