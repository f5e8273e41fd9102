// The throwaway PostgreSQL + PostGIS cluster of the city tests; it lives in bench/ because the city
// benchmark starts the same one (bench/ may not import test/).
export * from '../../bench/pg-cluster';
