/** How serious a finding is: an error blocks filing, a warning needs a written reason (情况说明). */
export type Severity = 'error' | 'warning';
