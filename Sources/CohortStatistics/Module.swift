// CohortStatistics: this stage is being built; see the issues.
